#include "support/cli_runner.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <stdexcept>

#include "support/temp_dir.hpp"

namespace reserve::test {

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CliResult run_shell(const std::string& command_line, const std::string& cwd) {
  TempDir dir;
  const std::string err_path = dir.file("stderr.txt");
  std::string cmd = "export PROJ_NETWORK=OFF; ";
  if (!cwd.empty()) cmd += "cd " + shell_quote(cwd) + " && ";
  cmd += "{ " + command_line + "; } 2>" + shell_quote(err_path);
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed: " + cmd);
  CliResult r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read_file(err_path);
  return r;
}

CliResult run_cli(const std::vector<std::string>& args, const std::string& cwd) {
  std::string line;
  for (const auto& a : args) line += (line.empty() ? "" : " ") + shell_quote(a);
  return run_cli_line(line, cwd);
}

CliResult run_cli_line(const std::string& args, const std::string& cwd) {
  return run_shell(shell_quote(RESERVE_CLI_PATH) + " " + args, cwd);
}

}  // namespace reserve::test
