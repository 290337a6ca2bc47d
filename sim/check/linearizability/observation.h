// File: observation.h
// Which operation could have observed which write: what a write leaves for readers to see and
// what a read or a successful compare-and-set saw. The minimal-set shrinker uses it to drop a
// write together with the reads that only it explains, and the checker to leave out
// indeterminate writes that nobody observed (they may as well never have happened).
#pragma once

#include <vector>

#include "sim/check/linearizability/operation.h"

namespace faultline::linearizability {

// The value `operation` leaves behind for readers (write, put, append: its input; cas: TO unless
// the compare failed), or nullptr.
const Value* written_value(const Operation& operation);
// The value `operation` saw (read, get: its output; cas that succeeded: FROM), or nullptr.
const Value* observed_value(const Operation& operation);
// Whether `reader` observed the value `writer` wrote: equal for a write or cas; containing the
// appended text for an append; equal to a put's value, or (when `appends_present`: the history
// has appends on the key) starting with it. Without appends "c5-47" does not come from "c5-4".
bool reads_from(const Operation& reader, const Operation& writer, bool appends_present);
// Whether any of `operations` is an append.
bool has_append(const std::vector<const Operation*>& operations);

// `operations` without the indeterminate writes (write, put, append, cas) whose value no
// operation could have observed: a read of it, a compare from it (whatever its outcome), a get
// starting with a put's value or containing an append's text. Such a write may take effect or not
// with no one the wiser, and "never" is always allowed, so leaving it out keeps the verdict and
// spares the search trying it at every point. Not applied when a cas failed (a failed compare
// observes "not FROM", which an unobserved write may be what explains). Order is kept.
std::vector<const Operation*> without_unobserved_writes(
    const std::vector<const Operation*>& operations);

}  // namespace faultline::linearizability
