package dev.lifelab.store;

import java.time.Instant;

/**
 * Which runs {@link ResultStore#query} returns. Null fields do not filter. Build it with {@link
 * #all()} and the {@code with...} methods, e.g. {@code
 * StoreQuery.all().withSince(t).withTarget("qemu-arm64-virt")}.
 *
 * @param since runs started at or after this time
 * @param until runs started before this time
 * @param target target name
 * @param plan plan name
 * @param kernelRelease kernel release ({@code uname -r})
 * @param host host that drove the run
 * @param completeOnly leave out runs that are still going or were interrupted
 * @param limit at most this many runs, newest first when set (0 = no limit)
 */
public record StoreQuery(
    Instant since,
    Instant until,
    String target,
    String plan,
    String kernelRelease,
    String host,
    boolean completeOnly,
    int limit) {

  public StoreQuery {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0: " + limit);
    }
  }

  /** Every run, complete or not. */
  public static StoreQuery all() {
    return new StoreQuery(null, null, null, null, null, null, false, 0);
  }

  public StoreQuery withSince(Instant t) {
    return new StoreQuery(t, until, target, plan, kernelRelease, host, completeOnly, limit);
  }

  public StoreQuery withUntil(Instant t) {
    return new StoreQuery(since, t, target, plan, kernelRelease, host, completeOnly, limit);
  }

  public StoreQuery withTarget(String name) {
    return new StoreQuery(since, until, name, plan, kernelRelease, host, completeOnly, limit);
  }

  public StoreQuery withPlan(String name) {
    return new StoreQuery(since, until, target, name, kernelRelease, host, completeOnly, limit);
  }

  public StoreQuery withKernelRelease(String release) {
    return new StoreQuery(since, until, target, plan, release, host, completeOnly, limit);
  }

  public StoreQuery withHost(String name) {
    return new StoreQuery(since, until, target, plan, kernelRelease, name, completeOnly, limit);
  }

  public StoreQuery withCompleteOnly() {
    return new StoreQuery(since, until, target, plan, kernelRelease, host, true, limit);
  }

  public StoreQuery withLimit(int n) {
    return new StoreQuery(since, until, target, plan, kernelRelease, host, completeOnly, n);
  }
}
