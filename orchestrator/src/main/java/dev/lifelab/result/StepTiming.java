package dev.lifelab.result;

import java.time.Instant;

/**
 * Timing and outcome of one plan step, as summarised in results.json (the full record with
 * outputs lives in steps.json).
 *
 * @param index 0-based position in the plan
 * @param type step type ({@code open}, {@code unbind}, ...)
 * @param status {@code ok}, {@code failed}, {@code hang}, {@code skipped} or {@code error}
 */
public record StepTiming(
    int index, String type, String status, Instant start, Instant end, long millis, Integer exitCode) {}
