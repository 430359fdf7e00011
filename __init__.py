"""DeepTraj QGIS plugin entry point. Imports nothing heavy: the engine loads lazily."""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    from .plugin.deeptraj_plugin import DeepTrajPlugin

    return DeepTrajPlugin(iface)
