"""The "Flagged segments" inspector: the anomalous segments found by CroTad (``deeptraj:crotaddetect``) in a
sortable, filterable table linked to the map, with a review column written back to the layer.

:mod:`.model` reads a segments layer into the table model, :mod:`.proxy` filters it, :mod:`.review` writes the
reviews into the layer and :mod:`.dock` is the dock widget.
"""
