# Homebrew formula template for databricks-claude.
#
# Fill in at release time (see README "Claude Desktop and fleets" > Packages):
#   @VERSION@          the Maven project version, e.g. 1.2.0
#   @REPO@             owner/name of the GitHub repository that hosts the release archives
#   @SHA256_<PLATFORM>@  `shasum -a 256` of each databricks-claude-<version>-<os>-<arch>.tar.gz
# The archives are built on each platform with `mvn -B -Prelease package` (bundled Java runtime).
class DatabricksClaude < Formula
  desc "Run Claude Code and Claude Desktop on a Databricks AI Gateway with your Databricks login"
  homepage "https://github.com/@REPO@"
  version "@VERSION@"

  on_macos do
    on_arm do
      url "https://github.com/@REPO@/releases/download/v@VERSION@/databricks-claude-@VERSION@-macos-aarch64.tar.gz"
      sha256 "@SHA256_MACOS_AARCH64@"
    end
    on_intel do
      url "https://github.com/@REPO@/releases/download/v@VERSION@/databricks-claude-@VERSION@-macos-x86_64.tar.gz"
      sha256 "@SHA256_MACOS_X86_64@"
    end
  end

  on_linux do
    on_arm do
      url "https://github.com/@REPO@/releases/download/v@VERSION@/databricks-claude-@VERSION@-linux-aarch64.tar.gz"
      sha256 "@SHA256_LINUX_AARCH64@"
    end
    on_intel do
      url "https://github.com/@REPO@/releases/download/v@VERSION@/databricks-claude-@VERSION@-linux-amd64.tar.gz"
      sha256 "@SHA256_LINUX_AMD64@"
    end
  end

  def install
    # The launcher finds lib/ and runtime/ through its own (symlink-resolved) location.
    libexec.install "bin", "lib", "runtime", "docs"
    bin.install_symlink libexec/"bin/databricks-claude"
    # Claude Desktop's credential helper: the launcher under another name (see `desktop generate-config`).
    bin.install_symlink libexec/"bin/databricks-claude-credential-helper"
    # Shell completions come from `databricks-claude completion <shell>`; skipped by builds without it.
    if quiet_system bin/"databricks-claude", "completion", "bash"
      generate_completions_from_executable(bin/"databricks-claude", "completion")
    end
  end

  def caveats
    <<~EOS
      databricks-claude needs the Databricks CLI, logged in once:
        brew tap databricks/tap && brew install databricks
        databricks-claude setup --profile <your-profile>
      For Claude Desktop, generate its configuration with:
        databricks-claude desktop generate-config --profile <your-profile> --binary-path #{HOMEBREW_PREFIX}/bin/databricks-claude-credential-helper
    EOS
  end

  test do
    assert_match "databricks-claude #{version}", shell_output("#{bin}/databricks-claude --version")
    # The alias must answer as the credential helper: no CLI here, so it fails on stderr only.
    output = shell_output("#{bin}/databricks-claude-credential-helper 2>/dev/null", 1)
    assert_empty output
  end
end
