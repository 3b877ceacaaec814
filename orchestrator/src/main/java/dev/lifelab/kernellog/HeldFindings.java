package dev.lifelab.kernellog;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Findings waiting to be handed on in the order of their headers. When given an executor, reports
 * are named on its thread while the log is read on: naming is most of the work of a report.
 */
final class HeldFindings {
  /** Reports handed to the executor and not yet named; bounds the memory they hold. */
  private static final int MAX_NAMING = 16;

  private record Held(long headerLine, Future<Finding> finding) {}

  private final Consumer<Finding> sink;
  private final PriorityQueue<Held> held = new PriorityQueue<>(Comparator.comparingLong(Held::headerLine));
  private final ArrayDeque<Future<Finding>> naming = new ArrayDeque<>();
  private Executor executor;

  HeldFindings(Consumer<Finding> sink) {
    this.sink = sink;
  }

  /** From now on, findings are worked out on this executor's thread. */
  void useExecutor(Executor executor) {
    this.executor = executor;
  }

  /** Holds the finding of the report whose header is on {@code headerLine}, worked out by {@code finding}. */
  void add(long headerLine, Supplier<Finding> finding) {
    FutureTask<Finding> task = new FutureTask<>(finding::get);
    if (executor == null) {
      task.run();
    } else {
      while (!naming.isEmpty() && (naming.peekFirst().isDone() || naming.size() >= MAX_NAMING)) {
        get(naming.pollFirst());
      }
      executor.execute(task);
      naming.addLast(task);
    }
    held.add(new Held(headerLine, task));
  }

  int size() {
    return held.size();
  }

  /**
   * Hands on, in order, the findings of the reports whose header comes before {@code before};
   * one still being named stops the rest unless {@code wait}.
   */
  void release(long before, boolean wait) {
    while (!held.isEmpty() && held.peek().headerLine() < before) {
      if (!wait && !held.peek().finding().isDone()) {
        return;
      }
      sink.accept(get(held.poll().finding()));
    }
  }

  private static Finding get(Future<Finding> finding) {
    try {
      return finding.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted while naming a report"));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
