// File: fd_qos.cc
// The bookkeeping of FdQosChecker (definitions in fd_qos.h) and the formatting of its figures.
#include "sim/check/fd_qos.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/check/violation.h"

namespace faultline {
namespace {

constexpr int64_t ns_per_hour = 3'600'000'000'000;
__extension__ using Wide = unsigned __int128;  // GCC and Clang; exact pair-time sums
__extension__ using SignedWide = __int128;

// "n3" -> 3; 0 when the text is not a server name.
uint32_t server_number(std::string_view name) {
  if (name.size() < 2 || name[0] != 'n') {
    return 0;
  }
  uint32_t number = 0;
  for (char digit : name.substr(1)) {
    if (digit < '0' || digit > '9' || number > 100'000'000) {
      return 0;
    }
    number = number * 10 + static_cast<uint32_t>(digit - '0');
  }
  return number;
}

// An exact decimal with three places, rounded down: numerator / denominator.
std::string thousandths(Wide numerator, Wide denominator) {
  if (denominator == 0) {
    return "-";
  }
  auto milli = static_cast<uint64_t>(numerator * 1000 / denominator);
  return fmt::format("{}.{:03}", milli / 1000, milli % 1000);
}

std::string seconds(int64_t ns) {
  return format_seconds(Time{ns});
}

}  // namespace

FdQosChecker::FdQosChecker(uint32_t server_count)
    : server_count_(server_count),
      stride_(server_count + 1),
      up_(server_count + 1, true),
      suspects_(stride_ * stride_, false),
      mistake_since_(stride_ * stride_),
      suspecting_up_(stride_, 0),
      crash_(stride_),
      up_count_(server_count),
      last_(Time::zero()) {
  up_[0] = false;
}

void FdQosChecker::observe(const TraceEvent& event) {
  uint32_t node = event.node.is_server() ? event.node.number() : 0;
  if (node == 0 || node > server_count_) {
    return;
  }
  if (event.component == "node") {
    if (event.name == "crash") {
      on_crash(node, event.time);
    } else if (event.name == "restart") {
      on_restart(node, event.time);
    }
  } else if (event.component == "fd" && event.has("target")) {
    uint32_t target = server_number(event.text("target"));
    if (target == 0 || target > server_count_ || target == node) {
      return;
    }
    if (event.name == "suspect") {
      on_suspect(node, target, event.time);
    } else if (event.name == "trust") {
      on_trust(node, target, event.time);
    }
  }
}

void FdQosChecker::advance(Time at) {
  if (at > last_) {
    uint64_t pairs = static_cast<uint64_t>(up_count_) * (up_count_ > 0 ? up_count_ - 1 : 0);
    closed_.monitoring_pair_ns += static_cast<SignedWide>(pairs) * (at - last_).ns;
    last_ = at;
  }
}

void FdQosChecker::on_crash(uint32_t node, Time at) {
  advance(at);
  if (!up_[node]) {
    return;
  }
  up_[node] = false;
  --up_count_;
  for (uint32_t target = 1; target <= server_count_; ++target) {
    if (suspects_[pair(node, target)]) {  // the monitor's verdicts die with it
      suspects_[pair(node, target)] = false;
      --suspecting_up_[target];
    }
    close_mistake(node, target, at);
    close_mistake(target, node, at);  // suspecting `node` is no longer a mistake
  }
  ++closed_.crashes;
  crash_[node] = Crash{at, std::nullopt};
  for (uint32_t target = 1; target <= server_count_; ++target) {
    update_detection(target, at);  // one trusting monitor fewer may complete a detection
  }
}

void FdQosChecker::on_restart(uint32_t node, Time at) {
  advance(at);
  if (up_[node]) {
    return;
  }
  close_crash(node);
  up_[node] = true;
  ++up_count_;
  for (uint32_t target = 1; target <= server_count_; ++target) {
    update_detection(target, at);  // a new monitor trusts everyone: detections restart
  }
}

void FdQosChecker::on_suspect(uint32_t monitor, uint32_t target, Time at) {
  advance(at);
  if (!up_[monitor] || suspects_[pair(monitor, target)]) {
    return;
  }
  suspects_[pair(monitor, target)] = true;
  ++suspecting_up_[target];
  if (up_[target]) {
    ++closed_.mistakes;
    mistake_since_[pair(monitor, target)] = at;
  }
  update_detection(target, at);
}

void FdQosChecker::on_trust(uint32_t monitor, uint32_t target, Time at) {
  advance(at);
  if (!up_[monitor] || !suspects_[pair(monitor, target)]) {
    return;
  }
  suspects_[pair(monitor, target)] = false;
  --suspecting_up_[target];
  close_mistake(monitor, target, at);
  update_detection(target, at);
}

void FdQosChecker::close_mistake(uint32_t monitor, uint32_t target, Time at) {
  std::optional<Time>& since = mistake_since_[pair(monitor, target)];
  if (!since) {
    return;
  }
  int64_t duration = (at - *since).ns;
  closed_.mistake_duration_sum_ns += duration;
  closed_.mistake_duration_max_ns = std::max(closed_.mistake_duration_max_ns, duration);
  since.reset();
}

void FdQosChecker::close_crash(uint32_t node) {
  std::optional<Crash>& crash = crash_[node];
  if (!crash) {
    return;
  }
  if (crash->all_suspect_since) {
    int64_t detection = (*crash->all_suspect_since - crash->at).ns;
    ++closed_.detected;
    closed_.detection_time_sum_ns += detection;
    closed_.detection_time_max_ns = std::max(closed_.detection_time_max_ns, detection);
  } else {
    ++closed_.undetected;
  }
  crash.reset();
}

bool FdQosChecker::all_suspect(uint32_t target) const {
  uint32_t monitors = up_count_ - (up_[target] ? 1 : 0);
  return monitors > 0 && suspecting_up_[target] == monitors;
}

void FdQosChecker::update_detection(uint32_t target, Time at) {
  std::optional<Crash>& crash = crash_[target];
  if (!crash) {
    return;
  }
  if (!all_suspect(target)) {
    crash->all_suspect_since.reset();
  } else if (!crash->all_suspect_since) {
    crash->all_suspect_since = at;
  }
}

void FdQosChecker::finish_run(Time end) {
  advance(end);
}

FdQosChecker::Summary FdQosChecker::summary() const {
  FdQosChecker copy = *this;  // close what is open without changing this checker
  for (uint32_t monitor = 1; monitor <= server_count_; ++monitor) {
    for (uint32_t target = 1; target <= server_count_; ++target) {
      if (copy.mistake_since_[pair(monitor, target)]) {
        ++copy.closed_.mistakes_open;
        copy.closed_.open_mistakes.emplace_back(NodeId::server(monitor), NodeId::server(target));
        copy.close_mistake(monitor, target, copy.last_);
      }
    }
  }
  for (uint32_t node = 1; node <= server_count_; ++node) {
    copy.close_crash(node);
  }
  return copy.closed_;
}

void FdQosChecker::figures(std::vector<std::pair<std::string, std::string>>& out) const {
  Summary figures = summary();
  auto mean = [](int64_t sum, uint64_t count) {
    return count == 0 ? std::string("-") : seconds(sum / static_cast<int64_t>(count));
  };
  std::string open = figures.open_mistakes.empty() ? "-" : "";
  for (const auto& [monitor, target] : figures.open_mistakes) {
    open += fmt::format("{}{}->{}", open.empty() ? "" : ",", monitor.name(), target.name());
  }
  Wide pair_ns = static_cast<Wide>(figures.monitoring_pair_ns);
  out.emplace_back("crashes", std::to_string(figures.crashes));
  out.emplace_back("crashes_undetected", std::to_string(figures.undetected));
  out.emplace_back("detection_time_mean", mean(figures.detection_time_sum_ns, figures.detected));
  out.emplace_back("detection_time_max", figures.detected == 0
                                             ? std::string("-")
                                             : seconds(figures.detection_time_max_ns));
  out.emplace_back("mistakes", std::to_string(figures.mistakes));
  out.emplace_back("mistakes_open", std::to_string(figures.mistakes_open));
  out.emplace_back("mistakes_open_pairs", open);
  out.emplace_back("mistake_rate_per_pair_hour",
                   thousandths(static_cast<Wide>(figures.mistakes) * ns_per_hour, pair_ns));
  out.emplace_back("mistake_duration_mean",
                   mean(figures.mistake_duration_sum_ns, figures.mistakes));
  out.emplace_back("mistake_duration_max", figures.mistakes == 0
                                               ? std::string("-")
                                               : seconds(figures.mistake_duration_max_ns));
  out.emplace_back("monitoring_pair_hours", thousandths(pair_ns, ns_per_hour));
}

}  // namespace faultline
