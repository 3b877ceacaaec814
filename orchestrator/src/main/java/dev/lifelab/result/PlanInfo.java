package dev.lifelab.result;

/**
 * The plan that ran.
 *
 * @param name plan name, e.g. {@code i2c-unbind-while-open}
 * @param file path of the plan file
 * @param hash sha256 of the plan file (first 12 hex digits)
 * @param expectedVerdict verdict the plan expects on this kernel, or null
 * @param expectedIn function or title fragment the expected finding or hang must name, or null
 */
public record PlanInfo(
    String name, String file, String hash, Verdict expectedVerdict, String expectedIn) {}
