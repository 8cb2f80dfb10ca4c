package io.github.dbclaude.config;

import java.nio.file.Path;

/** Run in a child JVM: adds keys {@code <prefix>0..n-1} to settings.json env, one update each. */
public final class SettingsUpdaterMain {
  private SettingsUpdaterMain() {}

  public static void main(String[] args) throws Exception {
    SettingsFile settings = new SettingsFile(Path.of(args[0]));
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    System.out.println("ready");
    System.out.flush();
    for (int i = 0; i < count; i++) {
      String key = prefix + i;
      settings.update(s -> s.ensureObject("env").put(key, "v"));
    }
  }
}
