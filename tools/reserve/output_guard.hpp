#pragma once
// Checks made on the command line before any work is done: every output can be written where it
// is asked for, and no output would replace an input (a run must never destroy its own evidence).
#include <string>
#include <vector>

#include "conflict_inputs.hpp"

namespace reserve::cli {

// Throws UsageError (exit 2) naming the file when an output is the same file as an input (same
// inode, or the same path once resolved, for outputs that do not exist yet), or when an output's
// folder cannot be written: a regular file stands in its path, or creating a file there fails.
// Creates nothing: a missing folder is judged by the nearest folder above it that exists.
void guard_outputs(const std::vector<std::string>& outputs, const std::vector<std::string>& inputs);

// The input files named by the zoning, conflict and ledger options (empty ones left out).
std::vector<std::string> input_files(const ZoningArgs& z, const ConflictArgs& c,
                                     const LedgerArgs* l = nullptr);

}  // namespace reserve::cli
