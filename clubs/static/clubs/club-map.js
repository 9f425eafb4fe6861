/* The clubs' map: markers from the page's JSON, tiles from the configured server.
   Without Leaflet, without tiles or without JavaScript, the list below the map
   still shows every club. */
(function () {
    "use strict";

    function start() {
        var element = document.getElementById("club-map");
        var data = document.getElementById("club-map-markers");
        if (!element || !data || typeof L === "undefined") {
            return;
        }
        var markers = JSON.parse(data.textContent);
        if (!markers.length) {
            return;
        }
        var map = L.map(element, { scrollWheelZoom: false });
        var tiles = L.tileLayer(element.dataset.tilesUrl, {
            attribution: element.dataset.attribution,
            maxZoom: 18
        });
        var warned = false;
        tiles.on("tileerror", function () {
            if (warned) {
                return;
            }
            warned = true;
            var notice = document.createElement("p");
            notice.className = "club-map__notice";
            notice.setAttribute("role", "status");
            notice.textContent = element.dataset.tilesError;
            element.parentNode.insertBefore(notice, element.nextSibling);
        });
        tiles.addTo(map);
        var bounds = [];
        markers.forEach(function (club) {
            var link = document.createElement("a");
            link.href = club.url;
            link.textContent = club.name;
            var popup = document.createElement("div");
            popup.appendChild(link);
            popup.appendChild(document.createElement("br"));
            popup.appendChild(document.createTextNode([club.city, club.country].filter(Boolean).join(", ")));
            L.marker([club.lat, club.lng], { title: club.name, alt: club.name })
                .bindPopup(popup)
                .addTo(map);
            bounds.push([club.lat, club.lng]);
        });
        if (bounds.length === 1) {
            map.setView(bounds[0], 9);
        } else {
            map.fitBounds(bounds, { padding: [30, 30] });
        }
        element.classList.add("club-map__canvas--ready");
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
