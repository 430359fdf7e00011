"""Writing reviews into a segments layer's ``reviewed`` field: 1 = confirmed anomaly, 0 = false positive, NULL = not
reviewed. A layer that is not being edited is switched to editing, changed and committed (rolled back on failure);
in a layer already being edited the change goes into the edit buffer."""

from __future__ import annotations

from qgis.core import QgsFields, QgsVectorDataProvider
from qgis.PyQt.QtCore import QCoreApplication

from .model import CONFIRMED, FALSE_POSITIVE, NOT_REVIEWED, REVIEW_FIELD


def review_field_index(layer):
    """Index of a writable ``reviewed`` field of ``layer`` (a provider field or one added while editing); None
    without one."""
    fields = layer.fields()
    idx = fields.lookupField(REVIEW_FIELD)
    if idx < 0 or fields.fieldOrigin(idx) not in (QgsFields.OriginProvider, QgsFields.OriginEdit):
        return None
    return idx


def review_value(state):
    """(value written to the field, state kept in the model) of a review ``state``: 1, 0, or None /
    :data:`NOT_REVIEWED` for NULL."""
    if state is None or state == NOT_REVIEWED:
        return None, NOT_REVIEWED
    state = CONFIRMED if int(state) == CONFIRMED else FALSE_POSITIVE
    return state, state


def start_editing(layer) -> bool:
    """Switch ``layer`` to editing when its provider can change attribute values; False when it cannot."""
    provider = layer.dataProvider()
    capabilities = provider.capabilities() if provider is not None else 0
    return bool(
        not layer.readOnly() and capabilities & QgsVectorDataProvider.ChangeAttributeValues and layer.startEditing()
    )


def write_review(layer, fids, idx, value, commit: bool):
    """Set field ``idx`` of the features ``fids`` to ``value`` in one edit command of ``layer`` (being edited), and
    with ``commit`` commit the edits (rolled back when anything fails). Returns (ok, the commit errors)."""
    ok = True
    errors = []
    layer.beginEditCommand(QCoreApplication.translate("FlaggedSegments", "Review flagged segments"))
    for fid in fids:
        ok = layer.changeAttributeValue(fid, idx, value) and ok
    if ok:
        layer.endEditCommand()
    else:
        layer.destroyEditCommand()
    if commit:
        if ok and layer.commitChanges():
            pass
        else:
            errors = list(layer.commitErrors()) if ok else []
            ok = False
            layer.rollBack()
    return ok, errors
