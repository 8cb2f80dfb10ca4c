/**
 * Claude Desktop and fleets: the credential helper, the generated mobileconfig / .reg / dev-mode
 * JSON, the code-signing trust profile, and the MDM readers behind one platform interface.
 *
 * <p>May depend on: auth, config, json, log, platform.
 *
 * <p>The helper is a thin flow over auth's {@code DatabricksCli}; everything else here is a leaf.
 */
package io.github.dbclaude.desktop;
