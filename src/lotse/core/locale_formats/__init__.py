"""Date formats where Django's own differ from what the users read (`FORMAT_MODULE_PATH`).

English pages write dates as British English does, day first (25/10/2006): the users work in
Germany, where a date with the month first is read wrongly."""
