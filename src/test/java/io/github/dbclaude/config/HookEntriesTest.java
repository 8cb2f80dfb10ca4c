package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Golden before/after documents for our hook entries (single quotes stand for double quotes). */
class HookEntriesTest {
  private static final String START =
      "{'matcher':'*','hooks':[{'type':'command',"
          + "'command':'databricks-claude hooks session-start','timeout':15}]}";
  private static final String OLD_START = START.replace("'*'", "'startup'");
  private static final String END =
      "{'matcher':'*','hooks':[{'type':'command',"
          + "'command':'databricks-claude hooks session-end','timeout':5}]}";
  private static final String V019_START =
      "{'matcher':'startup','hooks':[{'type':'command',"
          + "'command':'databricks-claude --headless-ensure','timeout':15}]}";
  private static final String V019_END =
      "{'matcher':'*','hooks':[{'type':'command',"
          + "'command':'databricks-claude --headless-release','timeout':5}]}";
  private static final String FOREIGN =
      "{'matcher':'*','hooks':[{'type':'command','command':'echo hi'}]}";

  private static String json(String quoted) {
    return quoted.replace('\'', '"');
  }

  private static JsonObject doc(String quoted) throws Exception {
    return (JsonObject) Json.parse(json(quoted));
  }

  private static String installed(String before) throws Exception {
    JsonObject settings = doc(before);
    HookEntries.install(settings);
    return Json.compact(settings);
  }

  private static String uninstalled(String before) throws Exception {
    JsonObject settings = doc(before);
    HookEntries.uninstall(settings);
    return Json.compact(settings);
  }

  @Test
  void installIntoEmptyDocumentAddsExactlyTheTwoEntries() throws Exception {
    assertThat(installed("{}"))
        .isEqualTo(json("{'hooks':{'SessionStart':[" + START + "],'SessionEnd':[" + END + "]}}"));
  }

  @Test
  void installAppendsAfterForeignEntriesAndKeepsOtherKeysInPlace() throws Exception {
    String before =
        "{'model':'x','hooks':{'PreToolUse':["
            + FOREIGN
            + "],'SessionStart':["
            + FOREIGN
            + "]},'n':1.50e3}";
    assertThat(installed(before))
        .isEqualTo(
            json(
                "{'model':'x','hooks':{'PreToolUse':["
                    + FOREIGN
                    + "],'SessionStart':["
                    + FOREIGN
                    + ","
                    + START
                    + "],'SessionEnd':["
                    + END
                    + "]},'n':1.50e3}"));
  }

  @Test
  void installOverBothGenerationsLeavesExactlyOnePairInTheV2Form() throws Exception {
    String both =
        "{'hooks':{'SessionStart':["
            + V019_START
            + ","
            + FOREIGN
            + ","
            + START
            + "],'SessionEnd':["
            + END
            + ","
            + V019_END
            + "]}}";
    assertThat(installed(both))
        .isEqualTo(
            json(
                "{'hooks':{'SessionStart':["
                    + FOREIGN
                    + ","
                    + START
                    + "],'SessionEnd':["
                    + END
                    + "]}}"));
  }

  @Test
  void uninstallRemovesEntriesOfBothGenerations() throws Exception {
    assertThat(
            uninstalled(
                "{'hooks':{'SessionStart':["
                    + V019_START
                    + ","
                    + START
                    + ","
                    + FOREIGN
                    + "],'SessionEnd':["
                    + V019_END
                    + ","
                    + END
                    + "]}}"))
        .isEqualTo(json("{'hooks':{'SessionStart':[" + FOREIGN + "]}}"));
  }

  @Test
  void installTwiceGivesTheSameDocument() throws Exception {
    String once = installed("{'hooks':{'SessionEnd':[" + FOREIGN + "]}}");
    JsonObject again = (JsonObject) Json.parse(once);
    HookEntries.install(again);
    assertThat(Json.compact(again)).isEqualTo(once);
  }

  @Test
  void installMovesAnOldEntryOfOursToTheEnd() throws Exception {
    assertThat(installed("{'hooks':{'SessionStart':[" + START + "," + FOREIGN + "]}}"))
        .isEqualTo(
            json(
                "{'hooks':{'SessionStart':["
                    + FOREIGN
                    + ","
                    + START
                    + "],'SessionEnd':["
                    + END
                    + "]}}"));
  }

  @Test
  void installReplacesHooksThatIsNotAnObject() throws Exception {
    assertThat(installed("{'hooks':'oops','a':true}"))
        .isEqualTo(
            json("{'hooks':{'SessionStart':[" + START + "],'SessionEnd':[" + END + "]},'a':true}"));
  }

  @Test
  void installTurnsNonArrayEventsIntoNullAndFillsOurEventsWithJustOurEntry() throws Exception {
    assertThat(installed("{'hooks':{'Notification':{'x':1},'SessionStart':'bad'}}"))
        .isEqualTo(
            json(
                "{'hooks':{'Notification':null,'SessionStart':["
                    + START
                    + "],'SessionEnd':["
                    + END
                    + "]}}"));
  }

  @Test
  void installRemovesLegacyStopEntriesLeavingAnEmptyArray() throws Exception {
    String legacy =
        "{'matcher':'','hooks':[{'type':'command',"
            + "'command':'databricks-claude --headless-release --port 1'}]}";
    assertThat(installed("{'hooks':{'Stop':[" + legacy + "]}}"))
        .isEqualTo(
            json(
                "{'hooks':{'Stop':[],'SessionStart':[" + START + "],'SessionEnd':[" + END + "]}}"));
  }

  @Test
  void onlyCommandsStartingWithOurPrefixAreOurs() throws Exception {
    assertThat(HookEntries.isOurs(doc(START))).isTrue();
    assertThat(HookEntries.isOurs(doc(V019_START))).isTrue();
    assertThat(HookEntries.isOurs(doc("{'hooks':[{'command':'databricks-claude hooksy'}]}")))
        .isFalse();
    assertThat(
            HookEntries.isOurs(
                doc("{'hooks':[{'command':'echo'},{'command':'databricks-claude --headless'}]}")))
        .isTrue();
    assertThat(HookEntries.isOurs(doc(FOREIGN))).isFalse();
    assertThat(
            HookEntries.isOurs(
                doc("{'hooks':[{'command':'/usr/bin/databricks-claude --headless-ensure'}]}")))
        .isFalse();
    assertThat(HookEntries.isOurs(doc("{'command':'databricks-claude --headless-ensure'}")))
        .isFalse();
    assertThat(HookEntries.isOurs(doc("{'hooks':{'command':'databricks-claude --headless'}}")))
        .isFalse();
    assertThat(HookEntries.isOurs(doc("{'hooks':['databricks-claude --headless-ensure']}")))
        .isFalse();
  }

  @Test
  void uninstallAfterInstallRestoresTheOriginalDocument() throws Exception {
    String before = "{'a':1,'hooks':{'PreToolUse':[" + FOREIGN + "]},'z':2}";
    assertThat(uninstalled(installed(before).replace('"', '\''))).isEqualTo(json(before));
  }

  @Test
  void uninstallDropsOnlyWhatItEmptiedAndThenEmptyHooks() throws Exception {
    assertThat(
            uninstalled(
                "{'hooks':{'Stop':[],'Notification':null,'SessionStart':["
                    + START
                    + "],'SessionEnd':["
                    + END
                    + "]},'k':'v'}"))
        .isEqualTo(json("{'hooks':{'Stop':[],'Notification':null},'k':'v'}"));
    assertThat(uninstalled("{'hooks':{'SessionStart':[" + START + "]},'k':'v'}"))
        .isEqualTo(json("{'k':'v'}"));
  }

  @Test
  void uninstallKeepsTheUsersHookThatSharesAGroupWithOurs() throws Exception {
    String shared =
        "{'hooks':{'SessionEnd':[{'matcher':'*','hooks':[{'type':'command',"
            + "'command':'databricks-claude --headless-release','timeout':5},"
            + "{'type':'command','command':'my-cleanup.sh'}]}]}}";
    assertThat(uninstalled(shared))
        .isEqualTo(
            json(
                "{'hooks':{'SessionEnd':[{'matcher':'*','hooks':["
                    + "{'type':'command','command':'my-cleanup.sh'}]}]}}"));
  }

  @Test
  void installKeepsTheUsersHookThatSharesAGroupWithOurs() throws Exception {
    String shared =
        "{'hooks':{'SessionStart':[{'matcher':'startup','hooks':[{'type':'command',"
            + "'command':'databricks-claude --headless-ensure','timeout':15},"
            + "{'type':'command','command':'my-setup.sh'}]}]}}";
    assertThat(installed(shared))
        .isEqualTo(
            json(
                "{'hooks':{'SessionStart':[{'matcher':'startup','hooks':["
                    + "{'type':'command','command':'my-setup.sh'}]},"
                    + START
                    + "],'SessionEnd':["
                    + END
                    + "]}}"));
  }

  @Test
  void upgradeWidensAnOldStartupOnlyEntryInPlace() throws Exception {
    JsonObject settings =
        doc("{'a':1,'hooks':{'SessionStart':[" + OLD_START + "," + FOREIGN + "]}}");

    assertThat(HookEntries.needsUpgrade(settings)).isTrue();
    assertThat(HookEntries.upgrade(settings)).isTrue();

    assertThat(Json.compact(settings))
        .isEqualTo(json("{'a':1,'hooks':{'SessionStart':[" + START + "," + FOREIGN + "]}}"));
    assertThat(HookEntries.needsUpgrade(settings)).isFalse();
    assertThat(HookEntries.upgrade(settings)).isFalse();
  }

  @Test
  void upgradeMovesOurHandlerOutOfAStartupGroupItSharesWithTheUser() throws Exception {
    JsonObject settings =
        doc(
            "{'hooks':{'SessionStart':[{'matcher':'startup','hooks':[{'type':'command',"
                + "'command':'databricks-claude --headless-ensure','timeout':15},"
                + "{'type':'command','command':'my-setup.sh'}]}]}}");

    assertThat(HookEntries.upgrade(settings)).isTrue();

    assertThat(Json.compact(settings))
        .isEqualTo(
            json(
                "{'hooks':{'SessionStart':[{'matcher':'startup','hooks':["
                    + "{'type':'command','command':'my-setup.sh'}]},"
                    + START
                    + "]}}"));
  }

  @Test
  void nothingToUpgradeWithoutOurHooks() throws Exception {
    JsonObject settings =
        doc("{'hooks':{'SessionStart':[" + FOREIGN.replace("'*'", "'startup'") + "]}}");
    assertThat(HookEntries.needsUpgrade(settings)).isFalse();
    assertThat(HookEntries.installed(settings)).isFalse();
    assertThat(HookEntries.installed(doc("{'hooks':{'SessionEnd':[" + END + "]}}"))).isTrue();
  }

  @Test
  void uninstallKeepsForeignEntriesInTheirEvents() throws Exception {
    assertThat(
            uninstalled(
                "{'hooks':{'SessionEnd':[" + FOREIGN + "," + END + "],'Stop':[" + FOREIGN + "]}}"))
        .isEqualTo(json("{'hooks':{'SessionEnd':[" + FOREIGN + "],'Stop':[" + FOREIGN + "]}}"));
  }

  @Test
  void uninstallReportsWhetherAnyOfOursWasRemoved() throws Exception {
    assertThat(HookEntries.uninstall(doc("{'a':1}"))).isFalse();
    assertThat(HookEntries.uninstall(doc("{'hooks':'text'}"))).isFalse();
    assertThat(HookEntries.uninstall(doc("{'hooks':{'Stop':[" + FOREIGN + "]}}"))).isFalse();
    assertThat(HookEntries.uninstall(doc("{'hooks':{'Stop':[" + START + "]}}"))).isTrue();
    assertThat(HookEntries.uninstall(doc("{'hooks':{}}"))).isFalse();
  }

  @Test
  void uninstallLeavesANonObjectHooksAlone() throws Exception {
    assertThat(uninstalled("{'hooks':[1,2]}")).isEqualTo(json("{'hooks':[1,2]}"));
  }
}
