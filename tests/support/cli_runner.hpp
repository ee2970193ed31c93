#pragma once
// Runs the built `reserve` binary (RESERVE_CLI_PATH) as a black box: arguments in, exit code,
// stdout and stderr out. Arguments are single-quoted for the shell, so any text is safe.
#include <string>
#include <vector>

namespace reserve::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

CliResult run_cli(const std::vector<std::string>& args);

}  // namespace reserve::test
