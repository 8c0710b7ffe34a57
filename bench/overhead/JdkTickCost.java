import java.lang.management.*;
import java.util.*;
import java.util.concurrent.locks.LockSupport;
/**
 * Where a jdk sampler tick's time goes: each way of taking stacks, timed per tick with BUSY
 * threads running a DEPTH-frame loop and IDLE threads parked.
 *
 *   java bench/overhead/JdkTickCost.java BUSY IDLE DEPTH
 */
public class JdkTickCost {
  static volatile long sink;
  static void deep(int n) { if (n > 0) { deep(n - 1); return; } long x = 0; while (true) { x += x * 31 + 7; if ((x & 0xfffff) == 0) sink = x; } }
  public static void main(String[] a) throws Exception {
    int busy = Integer.parseInt(a[0]), idle = Integer.parseInt(a[1]), depth = Integer.parseInt(a[2]);
    List<Thread> busyThreads = new ArrayList<>();
    for (int i = 0; i < busy; i++) { Thread t = new Thread(() -> deep(depth), "busy-" + i); t.setDaemon(true); t.start(); busyThreads.add(t); }
    for (int i = 0; i < idle; i++) { Thread t = new Thread(() -> { while (true) LockSupport.park(); }, "idle-" + i); t.setDaemon(true); t.start(); }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long[] busyIds = busyThreads.stream().mapToLong(Thread::getId).toArray();
    long[] allIds = mx.getAllThreadIds();
    Thread.sleep(500);
    for (int round = 0; round < 3; round++) {
      int n = 300;
      long t0 = System.nanoTime(); for (int i = 0; i < n; i++) Thread.getAllStackTraces(); long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) for (long id : allIds) mx.getThreadCpuTime(id); long t2 = System.nanoTime();
      for (int i = 0; i < n; i++) mx.getThreadInfo(busyIds, Integer.MAX_VALUE); long t3 = System.nanoTime();
      for (int i = 0; i < n; i++) mx.getThreadInfo(busyIds, 1); long t4 = System.nanoTime();
      for (int i = 0; i < n; i++) for (Thread t : busyThreads) t.getStackTrace(); long t5 = System.nanoTime();
      System.out.printf("threads=%d busy=%d depth=%d: getAllStackTraces %.0f us; getThreadCpuTime x%d %.0f us; getThreadInfo(busy, all frames) %.0f us; getThreadInfo(busy, 1 frame) %.0f us; Thread.getStackTrace x%d %.0f us (per tick)%n",
        allIds.length, busy, depth, (t1-t0)/1e3/n, allIds.length, (t2-t1)/1e3/n, (t3-t2)/1e3/n, (t4-t3)/1e3/n, busy, (t5-t4)/1e3/n);
    }
  }
}
