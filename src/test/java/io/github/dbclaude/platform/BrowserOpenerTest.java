package io.github.dbclaude.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrowserOpenerTest {
  private final List<List<String>> started = new ArrayList<>();

  private BrowserOpener on(String os) {
    return new BrowserOpener(new Platform(os, "amd64", false), started::add);
  }

  @Test
  void usesEachSystemsOwnOpener() throws IOException {
    on("Mac OS X").open("http://127.0.0.1:49153/");
    on("Linux").open("http://127.0.0.1:49153/");
    on("Windows 11").open("http://127.0.0.1:49153/?a=1&b=2");

    assertThat(started)
        .containsExactly(
            List.of("open", "http://127.0.0.1:49153/"),
            List.of("xdg-open", "http://127.0.0.1:49153/"),
            List.of("cmd", "/c", "start", "\"\"", "http://127.0.0.1:49153/?a=1^&b=2"));
  }

  @Test
  void refusesAnythingButHttpUrls() {
    assertThatThrownBy(() -> on("Linux").open("file:///etc/passwd"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("only http(s) URLs");
    assertThatThrownBy(() -> on("Linux").open("-v")).isInstanceOf(IOException.class);
    assertThat(started).isEmpty();
  }
}
