// An archive import's page in the admin: its progress bar and counts follow the
// import while it runs, then the page reloads once with the full report.
(function () {
  const section = document.querySelector("[data-archive-import]");
  if (!section) return;
  const bar = section.querySelector("progress");
  const percent = section.querySelector("[data-archive-import-percent]");
  const status = section.querySelector("[data-archive-import-status]");
  const counts = section.querySelector("[data-archive-import-counts]");

  function show(state) {
    bar.value = state.percent;
    bar.textContent = percent.textContent = `${state.percent} %`;
    status.textContent = state.status_label;
    counts.replaceChildren(
      ...state.counts.flatMap(([label, count]) => {
        const term = document.createElement("dt");
        const value = document.createElement("dd");
        term.textContent = label;
        value.textContent = count.toLocaleString();
        return [term, value];
      }),
    );
  }

  async function poll(first) {
    const response = await fetch(section.dataset.archiveImport, {
      headers: { Accept: "application/json" },
    });
    if (!response.ok) return;
    const state = await response.json();
    show(state);
    if (!state.finished) {
      window.setTimeout(() => poll(false), 2000);
    } else if (!first) {
      window.location.reload();
    }
  }

  poll(true);
})();
