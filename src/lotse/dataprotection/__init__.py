"""The data-protection officer's pages: the audit log of the network, searched and exported.

Above the case kernel (it shows file numbers); the log itself and its writing are `lotse.audit`,
at the bottom of the layers, because every app writes events."""
