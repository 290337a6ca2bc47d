// File: yaml_document.cc
// A bounded document pass over yaml-cpp events, then the one document as a node tree.
#include "sim/scenario/yaml_document.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <exception>
#include <sstream>
#include <vector>

namespace faultline {
namespace {

// Thrown by the recorder to stop the event pass at the first list or map nested too deeply.
struct NestedTooDeeply {
  YAML::Mark mark;
};

// Records where each document starts and stops at the first collection nested deeper than
// max_scenario_nesting; ignores everything else.
class DocumentStartRecorder : public YAML::EventHandler {
 public:
  const std::vector<YAML::Mark>& starts() const { return starts_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    starts_.push_back(mark);
    depth_ = 0;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    enter(mark);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    enter(mark);
  }
  void OnMapEnd() override { --depth_; }

 private:
  void enter(const YAML::Mark& mark) {
    if (++depth_ > max_scenario_nesting) {
      throw NestedTooDeeply{mark};
    }
  }

  std::vector<YAML::Mark> starts_;
  int depth_ = 0;
};

int line_of(const YAML::Mark& mark) {
  return mark.line >= 0 ? mark.line + 1 : 0;
}

Error nested_too_deeply(const std::string& file_name, int line) {
  return Error{fmt::format("the document is nested too deeply: more than {} levels of lists and "
                           "maps (a scenario needs fewer than 10)",
                           max_scenario_nesting),
               file_name, line, ""};
}

// Parses at most two documents' worth of events: enough to tell one document from several, and
// to notice a parser that starts a "document" twice at the same position (it is stuck).
Status check_document_count(const std::string& text, const std::string& file_name) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentStartRecorder recorder;
  try {
    while (recorder.starts().size() < 2 && parser.HandleNextDocument(recorder)) {
    }
  } catch (const NestedTooDeeply& too_deep) {
    return nested_too_deeply(file_name, line_of(too_deep.mark));
  }
  const std::vector<YAML::Mark>& starts = recorder.starts();
  if (starts.size() < 2) {
    return std::nullopt;
  }
  if (starts[1].pos == starts[0].pos) {
    return Error{"YAML syntax error: unexpected token (such as ',' outside a flow collection)",
                 file_name, line_of(starts[1]), ""};
  }
  return Error{"expected one YAML document, found more ('---' starts a second one)", file_name,
               line_of(starts[1]), ""};
}

}  // namespace

Result<YAML::Node> load_single_document(std::string_view text, const std::string& file_name) {
  if (text.size() > max_scenario_bytes) {
    return Error{fmt::format("scenario is larger than {} bytes", max_scenario_bytes), file_name, 0,
                 ""};
  }
  std::string owned(text);
  try {
    if (Status error = check_document_count(owned, file_name)) {
      return *error;
    }
    return YAML::Load(owned);
  } catch (const YAML::DeepRecursion& exception) {
    // yaml-cpp's own guard (about 500 levels, "bad file"); the event pass stops far earlier, so
    // this is only a backstop with a clearer message.
    return nested_too_deeply(file_name, line_of(exception.mark));
  } catch (const YAML::Exception& exception) {
    return Error{fmt::format("YAML syntax error: {}", exception.msg), file_name,
                 line_of(exception.mark), ""};
  } catch (const std::exception& exception) {
    return Error{fmt::format("cannot parse YAML: {}", exception.what()), file_name, 0, ""};
  }
}

}  // namespace faultline
