// The `reserve` command: argument parsing and calls into libreserve, nothing else.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>

#include "commands.hpp"
#include "reserve/error.hpp"
#include "reserve/version.hpp"

namespace reserve::cli {
int& command_exit_code() {
  static int code = 0;
  return code;
}
}  // namespace reserve::cli

namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// The library's messages name the options of a command with one input: "choose one with
// --layer", "(--layer)", "pass --crs EPSG:…", "--encoding GBK". The commands with several inputs
// have one such option per input (--before-layer, --mining-layer, --feature-crs,
// --feature-encoding); this names the ones of the input that holds the file the error is about.
// Every "--layer" is replaced ("--before-layer" has one hyphen before the word, so a replaced
// name is never matched again); CRS and encoding advice only where it names one option, since
// some messages already name both ("--feature-encoding for conflict layers or --encoding …").
std::string with_input_options(const CLI::App& app, const reserve::Error& e) {
  std::string text = e.what();
  if (e.where().file.empty()) return text;
  for (const CLI::App* command : app.get_subcommands()) {
    for (const CLI::Option* option : command->get_options()) {
      const auto& given = option->results();
      if (option->get_lnames().empty() ||
          std::find(given.begin(), given.end(), e.where().file) == given.end())
        continue;
      const std::string input = option->get_lnames().front();
      const std::string layer_option = "--" + input + "-layer";
      if (command->get_option_no_throw(layer_option) != nullptr)
        replace_all(text, "--layer", layer_option);
      // The conflict layers (--mining, --facilities) have their own CRS and encoding options.
      if ((input == "mining" || input == "facilities") &&
          command->get_option_no_throw("--feature-crs") != nullptr) {
        replace_all(text, "pass --crs ", "pass --feature-crs ");
        replace_all(text, "--encoding GBK", "--feature-encoding GBK");
      }
      return text;
    }
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "reserve — check nature-reserve boundary and zoning proposals (\"three no\" principle),\n"
      "overlay mining rights and facilities, and draw the maps.\n\n"
      "Exit codes: 0 ok / all rules pass, 1 findings above threshold / a rule fails,\n"
      "2 usage error, 3 input error, 4 internal error."};
  app.set_version_flag("--version", std::string("reserve ") + RESERVE_VERSION_STRING);
  app.require_subcommand(1);
  // Subcommands register here.
  reserve::cli::add_validate_command(app);
  reserve::cli::add_check_command(app);
  reserve::cli::add_info_command(app);
  reserve::cli::add_overlay_command(app);
  reserve::cli::add_ledger_command(app);
  reserve::cli::add_map_command(app);
  reserve::cli::add_suggest_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const reserve::Error& e) {
    std::cerr << "reserve: " << with_input_options(app, e) << '\n';
    return reserve::exit_code(e.kind());
  } catch (const std::bad_alloc&) {
    // The inputs need more memory than the machine (or `ulimit -v`) gives: an input too large
    // for this run, not a bug; README "Limits" states what the commands need.
    std::cerr << "reserve: out of memory: the inputs need more memory than this process may "
                 "use (see README, Limits); use smaller inputs or a machine with more memory\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "reserve: internal error: " << e.what() << '\n';
    return 4;
  }
  return reserve::cli::command_exit_code();
}
