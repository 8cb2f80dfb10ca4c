package io.github.dbclaude.platform;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Catching and ignoring POSIX signals. The JDK only offers this through {@code sun.misc.Signal}
 * (module jdk.unsupported); it is reached reflectively so the build stays free of internal-API
 * warnings, and every call degrades to a no-op where the signal does not exist.
 */
public final class Signals {
  private Signals() {}

  /**
   * Runs {@code action} (on a JVM signal thread) whenever {@code name} (e.g. "INT") arrives.
   *
   * @return puts back the handler that was there before (a no-op if none could be installed)
   */
  public static Runnable onSignal(String name, Runnable action) {
    return install(
        name,
        (proxy, method, args) -> {
          if (method.getName().equals("handle")) {
            action.run();
          }
          return null;
        });
  }

  /** Makes the process ignore {@code name} (e.g. "HUP"), so a closing terminal cannot stop it. */
  public static boolean ignore(String name) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object ign = handler.getField("SIG_IGN").get(null);
      Object sig = signal.getConstructor(String.class).newInstance(name);
      signal.getMethod("handle", signal, handler).invoke(null, sig, ign);
      return true;
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private static Runnable install(String name, InvocationHandler body) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object proxy =
          Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, body);
      Object sig = signal.getConstructor(String.class).newInstance(name);
      Method handle = signal.getMethod("handle", signal, handler);
      Object previous = handle.invoke(null, sig, proxy);
      return () -> {
        try {
          handle.invoke(null, sig, previous);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
          // the old handler cannot come back; ours stays, which is harmless
        }
      };
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      return () -> {};
    }
  }
}
