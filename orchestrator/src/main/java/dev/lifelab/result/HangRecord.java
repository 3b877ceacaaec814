package dev.lifelab.result;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A step that did not return within its timeout, with what the kernel said about it.
 *
 * @param step index of the step in the plan (0-based)
 * @param command the command that blocked
 * @param timeout the step's timeout
 * @param timedOutAt when the timeout expired
 * @param evidenceAt when the evidence below was collected
 * @param returnedAt when the blocked command finally returned, or null if it never did
 * @param exitCodeOnReturn its exit code when it returned, or null
 * @param pid guest PID of the blocked process, or null
 * @param state process state from /proc/PID/stat (D = uninterruptible)
 * @param wchan /proc/PID/wchan
 * @param stack kernel stack of the blocked task (/proc/PID/stack), innermost first
 * @param blockedIn first function of the stack that is not a generic wait/lock/scheduler frame
 * @param sysrqW output of SysRq-w (blocked tasks) from dmesg, or null
 */
public record HangRecord(
    int step,
    String command,
    Duration timeout,
    Instant timedOutAt,
    Instant evidenceAt,
    Instant returnedAt,
    Integer exitCodeOnReturn,
    Integer pid,
    String state,
    String wchan,
    List<String> stack,
    String blockedIn,
    String sysrqW) {}
