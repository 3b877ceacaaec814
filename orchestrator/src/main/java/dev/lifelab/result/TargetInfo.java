package dev.lifelab.result;

/**
 * The machine a plan ran on.
 *
 * @param name target file name without extension, e.g. {@code qemu-arm64-virt}
 * @param kind {@code qemu} or {@code board}
 * @param machine machine or board model, e.g. {@code virt}, {@code q35}, {@code r8a77951-salvator-xs}
 * @param serial board serial number or lab name, or null
 */
public record TargetInfo(String name, String kind, String machine, String serial) {}
