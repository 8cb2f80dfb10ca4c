@echo off
rem Launcher for databricks-claude on Windows: runs the bundled Java runtime on lib\databricks-claude.jar.
rem DATABRICKS_CLAUDE_JAVA_OPTS: extra JVM options, split on spaces on purpose.
rem The program learns the name it was invoked under (%~n0, e.g. a databricks-claude-credential-helper
rem copy of this file) and the path of this script.
rem No parenthesised blocks below: an expanded path such as "C:\Program Files (x86)" would end them.
setlocal
set "DC_HOME=%~dp0.."
set "DC_JAR=%DC_HOME%\lib\databricks-claude.jar"
rem A headless proxy (always started with --headless first) gets its own AOT cache and a small heap;
rem see bin/databricks-claude for why.
set "DC_CACHE=databricks-claude"
set "DC_HEAP="
if "%~1"=="--headless" set "DC_CACHE=databricks-claude-proxy"
if "%~1"=="--headless" set "DC_HEAP=-Xms16m -Xmn8m -Xmx64m"
rem serve runs a proxy too (--session-mode, --daemon, a v2 service unit), except its service commands.
if "%~1"=="serve" if not "%~2"=="install" if not "%~2"=="uninstall" if not "%~2"=="status" set "DC_CACHE=databricks-claude-proxy"
if "%~1"=="serve" if not "%~2"=="install" if not "%~2"=="uninstall" if not "%~2"=="status" set "DC_HEAP=-Xms16m -Xmn8m -Xmx64m"
set "DC_AOT_FILE=%DC_HOME%\lib\%DC_CACHE%.aot"
set "DC_AOT="
set "DC_JAVA=%DC_HOME%\runtime\bin\java.exe"
if not exist "%DC_JAVA%" goto no_runtime
rem The cache only matches the runtime it was trained with, so it is used with the bundled one only.
if exist "%DC_AOT_FILE%" set "DC_AOT=-XX:AOTCache=%DC_AOT_FILE%"
goto run
:no_runtime
set "DC_JAVA=java.exe"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "DC_JAVA=%JAVA_HOME%\bin\java.exe"
:run
rem -Xlog:disable keeps JVM messages off stdout, which the credential helper reserves for the token.
rem --enable-native-access matches the flags both caches were trained with (a mismatch disables them).
rem The other options are explained in bin/databricks-claude (the POSIX launcher).
if defined DC_AOT goto run_aot
"%DC_JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable %DC_HEAP% --enable-native-access=ALL-UNNAMED -Dorg.eclipse.jetty.util.referencesPerCacheLine=16 %DATABRICKS_CLAUDE_JAVA_OPTS% "-Ddatabricks.claude.argv0=%~n0" "-Ddatabricks.claude.launcher=%~f0" -cp "%DC_JAR%" io.github.dbclaude.cli.Main %*
exit /b %ERRORLEVEL%
:run_aot
"%DC_JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable %DC_HEAP% --enable-native-access=ALL-UNNAMED -Dorg.eclipse.jetty.util.referencesPerCacheLine=16 "%DC_AOT%" %DATABRICKS_CLAUDE_JAVA_OPTS% "-Ddatabricks.claude.argv0=%~n0" "-Ddatabricks.claude.launcher=%~f0" -cp "%DC_JAR%" io.github.dbclaude.cli.Main %*
exit /b %ERRORLEVEL%
