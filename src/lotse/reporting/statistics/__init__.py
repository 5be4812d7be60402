"""Open statistics with disclosure control (issue 16 §4): the coordinator's switch, the public
page without log-in, and its CSV and XLSX files."""
