#pragma once
// The one runner for black-box tests of the `reserve` program (and of the few other commands the
// tests run, such as Debian's python3 for independent readings): command in; exit code, stdout and
// stderr out. The environment is sealed the same way for every call (PROJ_NETWORK=OFF).
#include <string>
#include <vector>

namespace reserve::test {

struct CliResult {
  int exit_code = -1;  // -1 when the command did not exit normally
  std::string out;
  std::string err;
};

// `text` single-quoted for the shell, so any text (spaces, quotes, CJK) is one word.
std::string shell_quote(const std::string& text);

// Runs a shell command line, in `cwd` when it is not empty.
CliResult run_shell(const std::string& command_line, const std::string& cwd = "");

// Runs the built `reserve` (RESERVE_CLI_PATH) with these arguments, each quoted for the shell.
CliResult run_cli(const std::vector<std::string>& args, const std::string& cwd = "");

// Runs the built `reserve` with an argument string written for the shell (quote what needs it).
CliResult run_cli_line(const std::string& args, const std::string& cwd = "");

}  // namespace reserve::test
