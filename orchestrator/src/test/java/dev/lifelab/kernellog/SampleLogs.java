package dev.lifelab.kernellog;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written kernel reports in the formats of Linux 6.1 (x86_64 and arm64), and ways to print
 * them the way consoles, dmesg and syslog do.
 */
final class SampleLogs {
  private SampleLogs() {}

  /** A driver without a release() callback; its remove() drops the last reference. */
  static final String MISSING_RELEASE = """
      ------------[ cut here ]------------
      Device 'foo0' does not have a release() function, it is broken and must be fixed. See Documentation/core-api/kobject.rst.
      WARNING: CPU: 1 PID: 77 at drivers/base/core.c:2332 device_release+0x7f/0x90
      Modules linked in: foo(O) i2c_dev
      CPU: 1 PID: 77 Comm: sh Tainted: G           O       6.1.0-47-amd64 #1  Debian 6.1.170-3
      Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
      RIP: 0010:device_release+0x7f/0x90
      Code: 8b 43 38 48 85 c0 74 1d 48 89 df ff d0 eb 2a 48 8b 73 50 48 c7 c7 60 2c 5e 9e <0f> 0b
      RSP: 0018:ffffb0c2c0247d70 EFLAGS: 00010282
      RAX: 0000000000000000 RBX: ffff9b2a41f8a810 RCX: 0000000000000027
      Call Trace:
       <TASK>
       kobject_put+0xa3/0x1d0
       foo_remove+0x2a/0x40 [foo]
       platform_remove+0x26/0x50
       device_release_driver_internal+0x1b2/0x230
       unbind_store+0xe0/0x110
       kernfs_fop_write_iter+0x12e/0x200
       vfs_write+0x235/0x3f0
       ksys_write+0x6b/0xf0
       do_syscall_64+0x55/0xb0
       entry_SYSCALL_64_after_hwframe+0x6e/0xd8
       </TASK>
      ---[ end trace 0000000000000000 ]---
      """;

  /** The last reference of a refcount_t dropped twice. */
  static final String REFCOUNT_UNDERFLOW = """
      ------------[ cut here ]------------
      refcount_t: underflow; use-after-free.
      WARNING: CPU: 0 PID: 103 at lib/refcount.c:28 refcount_warn_saturate+0xba/0x110
      Modules linked in: qux(O)
      CPU: 0 PID: 103 Comm: cat Tainted: G           O       6.1.0-47-amd64 #1  Debian 6.1.170-3
      Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
      RIP: 0010:refcount_warn_saturate+0xba/0x110
      RSP: 0018:ffffb0c2c02a7e58 EFLAGS: 00010286
      Call Trace:
       <TASK>
       qux_release+0x5e/0x70 [qux]
       __fput+0x90/0x250
       task_work_run+0x5c/0x90
       exit_to_user_mode_prepare+0x1e7/0x1f0
       syscall_exit_to_user_mode+0x17/0x40
       do_syscall_64+0x61/0xb0
       entry_SYSCALL_64_after_hwframe+0x6e/0xd8
       </TASK>
      ---[ end trace 0000000000000000 ]---
      """;

  /** kobject_put() on a kobject that kobject_init() never saw. */
  static final String UNINITIALIZED_KOBJECT = """
      ------------[ cut here ]------------
      kobject: '(null)' (00000000b4c0b2e2): is not initialized, yet kobject_put() is being called.
      WARNING: CPU: 1 PID: 120 at lib/kobject.c:720 kobject_put+0x10d/0x1d0
      Modules linked in: corge(O+)
      CPU: 1 PID: 120 Comm: insmod Tainted: G           O       6.1.0-47-amd64 #1  Debian 6.1.170-3
      RIP: 0010:kobject_put+0x10d/0x1d0
      Call Trace:
       <TASK>
       corge_init+0x6c/0x1000 [corge]
       do_one_initcall+0x44/0x200
       do_init_module+0x4c/0x1f0
       __do_sys_finit_module+0xac/0x120
       do_syscall_64+0x55/0xb0
       entry_SYSCALL_64_after_hwframe+0x6e/0xd8
       </TASK>
      ---[ end trace 0000000000000000 ]---
      """;

  /** An unbind waiting forever in hwrng_unregister() while a reader holds the device. */
  static final String HUNG_TASK = """
      INFO: task sh:93 blocked for more than 5 seconds.
            Not tainted 6.1.0-47-amd64 #1 Debian 6.1.170-3
      "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
      task:sh              state:D stack:0     pid:93    ppid:1      flags:0x00004002
      Call Trace:
       <TASK>
       __schedule+0x34d/0x9e0
       schedule+0x5a/0xd0
       schedule_timeout+0x11a/0x150
       wait_for_completion+0x86/0x160
       hwrng_unregister+0x9c/0xd0 [rng_core]
       virtrng_remove+0x2a/0x60 [virtio_rng]
       virtio_dev_remove+0x3f/0x90
       device_release_driver_internal+0x1b2/0x230
       unbind_store+0xe0/0x110
       kernfs_fop_write_iter+0x12e/0x200
       vfs_write+0x235/0x3f0
       ksys_write+0x6b/0xf0
       do_syscall_64+0x55/0xb0
       entry_SYSCALL_64_after_hwframe+0x6e/0xd8
       </TASK>
      """;

  /**
   * arm64's hard-lockup detector catching a CPU that spins with interrupts off in a driver's
   * timer, and the panic that hardlockup_panic=1 adds.
   */
  static final String HARD_LOCKUP = """
      watchdog: Watchdog detected hard LOCKUP on cpu 1
      Modules linked in: grault
      CPU: 1 PID: 0 Comm: swapper/1 Not tainted 6.12.117+deb12-arm64 #1  Debian 6.12.117-1~deb12u1
      Hardware name: linux,dummy-virt (DT)
      pstate: 000000c5 (nzcv daIF -PAN -UAO -TCO -DIT -SSBS BTYPE=--)
      pc : queued_spin_lock_slowpath+0x5c/0x360
      lr : _raw_spin_lock_irqsave+0x8c/0xa0
      sp : ffff800080003e40
      Call trace:
       queued_spin_lock_slowpath+0x5c/0x360
       _raw_spin_lock_irqsave+0x8c/0xa0
       grault_poll_timer+0x34/0xd0 [grault]
       call_timer_fn+0x3c/0x1c8
       __run_timers+0x230/0x2e8
       run_timer_softirq+0x24/0x48
       handle_softirqs+0x108/0x3a8
       __do_softirq+0x1c/0x28
      Kernel panic - not syncing: Hard LOCKUP
      ---[ end Kernel panic - not syncing: Hard LOCKUP ]---
      """;

  /**
   * Kernels from 6.9 on put "Oops: " before the x86 fault's own line; here a KASAN kernel
   * dereferencing a NULL pointer in a proc file's show().
   */
  static final String X86_GPF_OOPS_PREFIX = """
      Oops: general protection fault, probably for non-canonical address 0xdffffc0000000001: 0000 [#1] PREEMPT SMP KASAN NOPTI
      KASAN: null-ptr-deref in range [0x0000000000000008-0x000000000000000f]
      CPU: 0 UID: 0 PID: 412 Comm: cat Not tainted 6.12.117 #1
      Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
      RIP: 0010:plugh_proc_show+0x6e/0x160 [plugh]
      RSP: 0018:ffffc900006a7b20 EFLAGS: 00010202
      Call Trace:
       <TASK>
       ? die_addr+0x3d/0xa0
       ? exc_general_protection+0x150/0x230
       ? asm_exc_general_protection+0x26/0x30
       ? plugh_proc_show+0x6e/0x160 [plugh]
       seq_read_iter+0x2d6/0x1150
       proc_reg_read_iter+0x1f9/0x2d0
       vfs_read+0x65c/0xa90
       ksys_read+0x112/0x200
       do_syscall_64+0x82/0x190
       entry_SYSCALL_64_after_hwframe+0x76/0x7e
       </TASK>
      Modules linked in: plugh
      ---[ end trace 0000000000000000 ]---
      """;

  /** The x86 page-fault oops as printed since 5.x, in a driver's remove() via memset(). */
  static final String X86_PAGE_FAULT = """
      BUG: unable to handle page fault for address: ffff88810a2b3000
      #PF: supervisor write access in kernel mode
      #PF: error_code(0x0002) - not-present page
      PGD 3601067 P4D 3601067 PUD 0
      Oops: Oops: 0002 [#1] PREEMPT SMP NOPTI
      CPU: 0 UID: 0 PID: 95 Comm: sh Not tainted 6.12.117+deb12-amd64 #1  Debian 6.12.117-1~deb12u1
      RIP: 0010:memset_orig+0x33/0xb0
      Call Trace:
       <TASK>
       ? __die+0x23/0x70
       ? page_fault_oops+0x173/0x5b0
       ? exc_page_fault+0x7e/0x180
       ? asm_exc_page_fault+0x26/0x30
       ? memset_orig+0x33/0xb0
       xyzzy_remove+0x5a/0x110 [xyzzy]
       pci_device_remove+0x47/0xc0
       device_release_driver_internal+0x1b2/0x230
       unbind_store+0xe0/0x110
       kernfs_fop_write_iter+0x13a/0x1f0
       vfs_write+0x290/0x450
       ksys_write+0x6d/0xf0
       do_syscall_64+0x82/0x190
       entry_SYSCALL_64_after_hwframe+0x76/0x7e
       </TASK>
      ---[ end trace 0000000000000000 ]---
      """;

  /** x86 NULL dereference in a driver's read(), with the panic that follows it. */
  static final String X86_NULL_DEREF_PANIC = """
      BUG: kernel NULL pointer dereference, address: 0000000000000008
      #PF: supervisor read access in kernel mode
      #PF: error_code(0x0000) - not-present page
      PGD 0 P4D 0
      Oops: 0000 [#1] PREEMPT SMP NOPTI
      CPU: 0 PID: 91 Comm: cat Not tainted 6.1.0-47-amd64 #1  Debian 6.1.170-3
      Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
      RIP: 0010:bar_read+0x15/0x60 [bar]
      Code: 1f 44 00 00 55 48 89 e5 41 54 53 48 8b 47 68 <48> 8b 58 08 48 85 db
      RSP: 0018:ffffb0c2c0267e10 EFLAGS: 00010246
      Call Trace:
       <TASK>
       vfs_read+0xb0/0x2f0
       ksys_read+0x6b/0xf0
       do_syscall_64+0x55/0xb0
       entry_SYSCALL_64_after_hwframe+0x6e/0xd8
       </TASK>
      Modules linked in: bar(O)
      CR2: 0000000000000008
      ---[ end trace 0000000000000000 ]---
      RIP: 0010:bar_read+0x15/0x60 [bar]
      Code: 1f 44 00 00 55 48 89 e5 41 54 53 48 8b 47 68 <48> 8b 58 08 48 85 db
      RSP: 0018:ffffb0c2c0267e10 EFLAGS: 00010246
      Kernel panic - not syncing: Fatal exception
      Kernel Offset: 0x2c000000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)
      ---[ end Kernel panic - not syncing: Fatal exception ]---
      """;

  /** arm64 NULL dereference: "Unable to handle kernel" then "Internal error: Oops". */
  static final String ARM64_NULL_DEREF = """
      Unable to handle kernel NULL pointer dereference at virtual address 0000000000000010
      Mem abort info:
        ESR = 0x0000000096000005
        EC = 0x25: DABT (current EL), IL = 32 bits
        SET = 0, FnV = 0
        EA = 0, S1PTW = 0
        FSC = 0x05: level 1 translation fault
      Data abort info:
        ISV = 0, ISS = 0x00000005
        CM = 0, WnR = 0
      user pgtable: 4k pages, 39-bit VAs, pgdp=0000000041a7c000
      [0000000000000010] pgd=0000000000000000, p4d=0000000000000000, pud=0000000000000000
      Internal error: Oops: 0000000096000005 [#1] PREEMPT SMP
      Modules linked in: baz
      CPU: 0 PID: 45 Comm: cat Not tainted 6.1.192 #1
      Hardware name: linux,dummy-virt (DT)
      pstate: 60000005 (nZCv daif -PAN -UAO -TCO -DIT -SSBS BTYPE=--)
      pc : baz_show+0x1c/0x60 [baz]
      lr : seq_read_iter+0x3a8/0x9f8
      sp : ffffffc00a2a3c60
      x29: ffffffc00a2a3c60 x28: ffffff8001d6a200 x27: 0000000000000000
      Call trace:
       baz_show+0x1c/0x60 [baz]
       seq_read_iter+0x3a8/0x9f8
       proc_reg_read_iter+0x148/0x160
       vfs_read+0x1f0/0x2a4
       ksys_read+0xec/0x160
       __arm64_sys_read+0x74/0x84
       invoke_syscall+0x48/0x114
       el0_svc_common.constprop.0+0x44/0xec
       do_el0_svc+0x28/0x34
       el0_svc+0x2c/0x84
       el0t_64_sync_handler+0xf4/0x120
       el0t_64_sync+0x18c/0x190
      Code: a9bf7bfd 910003fd f9400000 f9400800 (b9401000)
      ---[ end trace 0000000000000000 ]---
      """;

  /** Ordinary console output around the reports, including CONFIG_DEBUG_KOBJECT_RELEASE lines. */
  static final String BOOT_NOISE = """
      virtio_rng virtio1: registered
      kobject: 'virtio1' (000000008d9b2f3c): kobject_release, parent 0000000000000000 (delayed 250)
      kobject: 'mtd0' (00000000c0ffee12): kobject_release, parent 0000000000000000 (delayed 750)
      i2c_dev: i2c /dev entries driver
      EXT4-fs (vda): mounted filesystem with ordered data mode. Quota mode: none.
      random: crng init done
      """;

  /** Text lines of a block, without the final empty line. */
  static List<String> lines(String block) {
    return List.of(block.split("\n"));
  }

  /** Prefixes each line with a printk timestamp, starting at the given second. */
  static List<String> stamped(String block, int second) {
    List<String> out = new ArrayList<>();
    int micros = 0;
    for (String line : lines(block)) {
      out.add(String.format("[%5d.%06d] %s", second, micros += 137, line));
    }
    return out;
  }

  /** Prefixes each line with a timestamp and a printk caller id such as T93. */
  static List<String> withCaller(String block, int second, String caller) {
    List<String> out = new ArrayList<>();
    int micros = 0;
    for (String line : lines(block)) {
      out.add(String.format("[%5d.%06d][%6s] %s", second, micros += 137, caller, line));
    }
    return out;
  }

  /** Alternates the lines of two lists, as two CPUs printing at once do. */
  static List<String> interleave(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i < a.size()) {
        out.add(a.get(i));
      }
      if (i < b.size()) {
        out.add(b.get(i));
      }
    }
    return out;
  }

  static String join(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  @SafeVarargs
  static String join(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> p : parts) {
      all.addAll(p);
    }
    return join(all);
  }
}
