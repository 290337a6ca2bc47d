// File: linearizability_bench.cc
// Times check_history (reading excluded) per history with a steady clock; peak memory is the
// process's maximum resident set (getrusage), which only grows.
#include "tools/linearizability_bench.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <vector>

#include "sim/check/linearizability/history_generator.h"
#include "sim/check/linearizability/history_json_writer.h"
#include "sim/check/linearizability/history_reader.h"
#include "sim/check/linearizability/linearizability_checker.h"
#include "tools/atomic_file.h"

namespace faultline {

namespace lin = linearizability;

namespace {

struct CaseFile {
  std::string path;
  lin::ModelKind model;
  lin::Verdict expected;
};

// The labels of ../shared/cases/linearizability/README.md.
lin::Verdict expected_verdict(const std::string& name) {
  static const std::vector<std::string> linearizable_etcd = {"etcd_002.log", "etcd_005.log",
                                                             "etcd_007.log"};
  if (name.ends_with(".log")) {
    bool ok = std::find(linearizable_etcd.begin(), linearizable_etcd.end(), name) !=
              linearizable_etcd.end();
    return ok ? lin::Verdict::linearizable : lin::Verdict::not_linearizable;
  }
  return name.find("-ok") != std::string::npos ? lin::Verdict::linearizable
                                               : lin::Verdict::not_linearizable;
}

// The case files in name order (directory order is not defined).
std::vector<CaseFile> list_cases(const std::string& cases_dir) {
  std::vector<CaseFile> cases;
  for (const auto& [folder, model] :
       {std::pair{"jepsen", lin::ModelKind::cas_register}, std::pair{"kv", lin::ModelKind::kv}}) {
    std::error_code error;
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(cases_dir + "/" + folder, error)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      if (name.ends_with(".log") || name.ends_with(".txt")) {
        cases.push_back({cases_dir + "/" + folder + "/" + name, model, expected_verdict(name)});
      }
    }
  }
  return cases;
}

uint64_t peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss);
}

struct Timed {
  lin::CheckResult result;
  double milliseconds = 0;
};

Timed timed_check(const lin::OperationHistory& history, lin::ModelKind model) {
  lin::CheckOptions options;
  options.model = model;
  auto start = std::chrono::steady_clock::now();
  Timed timed{lin::check_history(history, options), 0};
  std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
  timed.milliseconds = elapsed.count();
  return timed;
}

void print_line(std::FILE* out, const std::string& name, const Timed& timed) {
  const lin::CheckFigures& figures = timed.result.figures;
  fmt::print(out,
             "{} verdict={} ms={:.3f} operations={} partitions={} states={} memo_entries={} "
             "memo_peak_bytes={} shrink_states={} minimal_set={}\n",
             name, lin::verdict_name(timed.result.verdict), timed.milliseconds, figures.operations,
             figures.partitions, figures.states_explored, figures.memo_entries,
             figures.memo_peak_bytes, figures.shrink_states,
             timed.result.failing_operations.size());
}

}  // namespace

int bench_linearizability(const LinearizabilityBenchOptions& options, std::FILE* out,
                          std::FILE* err) {
  if (options.write_history && !options.write_history->ends_with(".json")) {
    fmt::print(err,
               "error: --write-history {}: the generated history is written as JSON; name the "
               "file *.json\n",
               printable(*options.write_history));
    return 2;
  }
  std::vector<CaseFile> cases = list_cases(options.cases_dir);
  if (cases.empty()) {
    fmt::print(err, "error: no case histories under {}/jepsen and {}/kv (--cases DIR)\n",
               printable(options.cases_dir), printable(options.cases_dir));
    return 2;
  }
  bool all_right = true;
  for (const CaseFile& file : cases) {
    Result<lin::OperationHistory> history = lin::read_history(file.path, std::nullopt, file.model);
    if (!history.ok()) {
      fmt::print(err, "error: {}\n", history.error().to_string());
      return 2;
    }
    Timed timed = timed_check(*history, file.model);
    bool right = timed.result.verdict == file.expected;
    all_right = all_right && right;
    print_line(out, file.path, timed);
    if (!right) {
      fmt::print(out, "  expected {}\n", lin::verdict_name(file.expected));
    }
  }
  lin::GeneratorConfig config;
  config.operations = options.operations;
  config.clients = options.clients;
  config.keys = options.keys;
  config.seed = options.seed;
  lin::OperationHistory generated = lin::generate_kv_history(config);
  if (options.write_history) {
    Result<AtomicFile> file = AtomicFile::open(*options.write_history);
    Status status = file.ok() ? std::nullopt : Status{file.error()};
    if (!status) {
      std::string text = lin::write_json_history(generated);
      std::fwrite(text.data(), 1, text.size(), file->stream());
      status = file->commit();
    }
    if (status) {
      fmt::print(err, "error: {}\n", status->to_string());
      return 2;
    }
    fmt::print(out, "wrote {} ({} operations)\n", printable(*options.write_history),
               generated.size());
  }
  Timed timed = timed_check(generated, lin::ModelKind::kv);
  all_right = all_right && timed.result.verdict == lin::Verdict::linearizable;
  print_line(out,
             fmt::format("generated kv operations={} clients={} keys={} seed={}", config.operations,
                         config.clients, config.keys, config.seed),
             timed);
  fmt::print(out, "peak_rss_kib={}\n", peak_rss_kib());
  return all_right ? 0 : 1;
}

}  // namespace faultline
