// File: sweep_cli.h
// The command-line words of `faultline sweep`, `sweep merge` and `test` (CLI11), kept out of
// faultline.cc so that the commands are declared beside each other in one place.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

namespace faultline {

struct SweepCli;

// Adds the subcommands to `app`; the returned object holds their parsed values.
std::shared_ptr<SweepCli> add_sweep_subcommands(CLI::App& app);

// After app.parse(): the exit status of the subcommand that was parsed, or std::nullopt when none
// of these was. `program` is argv[0], for the printed replay commands.
std::optional<int> run_sweep_subcommands(const SweepCli& cli, const char* program);

}  // namespace faultline
