"""The graduate archives: reading the university's files (``files``), checking each row
(``rows``) and writing the records as passive members (``importer``)."""
