/* The clubs' map: markers from the page's JSON, tiles from the configured server,
   clubs close together gathered in a cluster (Leaflet.markercluster) until zoomed in.
   Every word the map says comes from the page, in its language (data-* attributes).
   A popup takes the focus when it opens, Escape closes it, and the focus goes back to
   the marker. Without Leaflet, without tiles or without JavaScript, the list below
   the map still shows every club. */
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
        var words = element.dataset;
        var map = L.map(element, { scrollWheelZoom: false, zoomControl: false });
        L.control.zoom({ zoomInTitle: words.zoomIn, zoomOutTitle: words.zoomOut }).addTo(map);
        var credit = document.createElement("a");
        credit.href = "https://leafletjs.com";
        credit.title = words.leafletTitle;
        credit.textContent = "Leaflet";
        map.attributionControl.setPrefix(credit.outerHTML);
        var tiles = L.tileLayer(words.tilesUrl, { attribution: words.attribution, maxZoom: 18 });
        var warned = false;
        tiles.on("tileerror", function () {
            if (warned) {
                return;
            }
            warned = true;
            var notice = document.createElement("p");
            notice.className = "club-map__notice";
            notice.setAttribute("role", "status");
            notice.textContent = words.tilesError;
            element.parentNode.insertBefore(notice, element.nextSibling);
        });
        tiles.addTo(map);

        var group = typeof L.markerClusterGroup === "function"
            ? L.markerClusterGroup({
                showCoverageOnHover: false,
                // Only markers that would hide one another are gathered.
                maxClusterRadius: 40,
                iconCreateFunction: function (cluster) {
                    var count = cluster.getChildCount();
                    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
                    var label = document.createElement("span");
                    label.textContent = words.clusterLabel.replace("{count}", count);
                    return L.divIcon({
                        html: '<div><span aria-hidden="true">' + count + '</span><span class="visually-hidden">' + label.innerHTML + "</span></div>",
                        className: "marker-cluster marker-cluster-" + size,
                        iconSize: L.point(40, 40)
                    });
                }
            })
            : L.layerGroup();

        var bounds = [];
        markers.forEach(function (club) {
            var link = document.createElement("a");
            link.href = club.url;
            link.textContent = club.name;
            if (words.contentLang) {
                link.setAttribute("lang", words.contentLang);
            }
            var popup = document.createElement("div");
            popup.appendChild(link);
            popup.appendChild(document.createElement("br"));
            popup.appendChild(document.createTextNode([club.city, club.country].filter(Boolean).join(", ")));
            var marker = L.marker([club.lat, club.lng], { title: club.name, alt: club.name });
            marker.bindPopup(popup);
            group.addLayer(marker);
            bounds.push([club.lat, club.lng]);
        });
        group.addTo(map);

        var opener = null;
        map.on("popupopen", function (event) {
            opener = event.popup._source;
            var box = event.popup.getElement();
            var close = box.querySelector(".leaflet-popup-close-button");
            if (close) {
                close.setAttribute("aria-label", words.closePopup);
                close.setAttribute("title", words.closePopup);
            }
            var first = box.querySelector(".leaflet-popup-content a");
            if (first) {
                first.focus();
            }
        });
        map.on("popupclose", function () {
            var icon = opener && opener.getElement && opener.getElement();
            opener = null;
            if (icon && document.body.contains(icon)) {
                icon.focus();
            }
        });
        element.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && map.getContainer().querySelector(".leaflet-popup")) {
                event.preventDefault();
                map.closePopup();
            }
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
