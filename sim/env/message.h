// File: message.h
// What travels on the simulated wire. A protocol defines its own message types by deriving from
// Message; the network sees only the size (for bandwidth) and a short description (for the
// trace). Messages are immutable once sent and shared, so duplication and delivery never copy them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace faultline {

class Message {
 public:
  virtual ~Message() = default;
  // A stable type name for the trace: "RequestVote", "AppendEntriesResponse".
  virtual std::string_view type_name() const = 0;
  // Bytes this message would take on a real wire (header plus payload); used for bandwidth.
  virtual uint64_t size_bytes() const = 0;
  // Protocol-defined discriminator for cheap dispatch (static_cast after checking it).
  virtual uint32_t kind() const = 0;
};

using MessagePtr = std::shared_ptr<const Message>;

}  // namespace faultline
