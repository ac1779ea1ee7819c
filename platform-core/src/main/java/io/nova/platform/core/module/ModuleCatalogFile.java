package io.nova.platform.core.module;

import java.util.List;

/** The root of a catalog file such as {@code modules.yaml}. */
record ModuleCatalogFile(List<ModuleEntry> modules) {
}
