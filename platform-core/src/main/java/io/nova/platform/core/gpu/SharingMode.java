package io.nova.platform.core.gpu;

/** How the GPUs of a pool are handed to pods. */
public enum SharingMode {
    /** One pod gets whole GPUs. */
    EXCLUSIVE,
    /** The device plugin advertises each GPU several times; pods share it in time, without memory isolation. */
    TIME_SLICING,
    /** The GPU is partitioned into isolated MIG instances. */
    MIG
}
