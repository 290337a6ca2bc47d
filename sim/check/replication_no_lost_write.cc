// File: replication_no_lost_write.cc
#include "sim/check/replication_no_lost_write.h"

#include <fmt/format.h>

namespace faultline {

void NoLostWriteChecker::observe(const TraceEvent& event) {
  if (event.component != "client") {
    return;
  }
  if (event.name == "invoke") {
    on_invoke(event);
  } else if (event.name == "ok") {
    on_ok(event);
  } else if (event.name == "unknown" || event.name == "fail") {
    running_.erase(event.node);  // unknown or failed: a put stays without an ack time
  }
}

void NoLostWriteChecker::on_invoke(const TraceEvent& event) {
  Running operation;
  operation.id = event.number("id");
  operation.is_put = event.text("op") == "put";
  operation.key = std::string(event.text("key"));
  operation.value = std::string(event.text("value"));
  operation.invoked_at = event.time;
  if (operation.is_put) {
    put_by_value_.insert_or_assign(operation.value,
                                   Put{operation.key, event.node, event.time, std::nullopt});
  } else if (auto latest = latest_acked_.find(operation.key); latest != latest_acked_.end()) {
    operation.latest_at_invoke = latest->second;
  }
  running_.insert_or_assign(event.node, std::move(operation));
}

void NoLostWriteChecker::on_ok(const TraceEvent& event) {
  auto it = running_.find(event.node);
  if (it == running_.end() || it->second.id != event.number("id")) {
    return;
  }
  Running operation = std::move(it->second);
  running_.erase(it);
  if (!operation.is_put) {
    check_get(event, operation, event.text("value"));
    return;
  }
  put_by_value_.at(operation.value).acked_at = event.time;
  auto [latest, inserted] = latest_acked_.try_emplace(
      operation.key, LatestAcked{operation.value, event.node, operation.invoked_at, event.time});
  if (!inserted && operation.invoked_at > latest->second.invoked_at) {
    latest->second = LatestAcked{operation.value, event.node, operation.invoked_at, event.time};
  }
}

void NoLostWriteChecker::check_get(const TraceEvent& event, const Running& get,
                                   std::string_view value) {
  if (!get.latest_at_invoke) {
    return;  // no put of the key was acknowledged before the get began
  }
  const LatestAcked& lost = *get.latest_at_invoke;
  std::string read;
  if (value.empty()) {
    read = "the initial empty value";
  } else {
    auto put = put_by_value_.find(std::string(value));
    if (put == put_by_value_.end() || put->second.key != get.key || !put->second.acked_at ||
        !(*put->second.acked_at < lost.invoked_at)) {
      return;  // a concurrent (or unknown) write: a legal read for this rule
    }
    read = fmt::format("'{}' (put by {}, acknowledged at {})", value, put->second.client.name(),
                       format_seconds(*put->second.acked_at));
  }
  report(Violation{
      std::string(check_name), event.time, event.node,
      fmt::format("get {} (id {}, invoked at {}) returned {}, but put {}='{}' by {} (invoked at "
                  "{}) was acknowledged at {}, before the get began: the acknowledged write was "
                  "lost",
                  get.key, get.id, format_seconds(get.invoked_at), read, get.key, lost.value,
                  lost.client.name(), format_seconds(lost.invoked_at),
                  format_seconds(lost.completed_at))});
}

}  // namespace faultline
