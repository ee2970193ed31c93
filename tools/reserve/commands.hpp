#pragma once
// Each subcommand lives in its own cmd_*.cpp and registers itself on the app. A command's
// callback throws reserve::Error for failures; main() turns those into messages and exit codes.
#include <CLI/CLI.hpp>

namespace reserve::cli {

// The exit code a finished subcommand wants (0 ok, 1 findings/rule failure).
int& command_exit_code();

void add_validate_command(CLI::App& app);  // cmd_validate.cpp
void add_check_command(CLI::App& app);     // cmd_check.cpp
void add_info_command(CLI::App& app);      // cmd_info.cpp
void add_overlay_command(CLI::App& app);   // cmd_overlay.cpp
void add_ledger_command(CLI::App& app);    // cmd_ledger.cpp
void add_map_command(CLI::App& app);       // cmd_map.cpp
void add_suggest_command(CLI::App& app);   // cmd_suggest.cpp

}  // namespace reserve::cli
