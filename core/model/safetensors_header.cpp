#include "model/safetensors_header.h"

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "model/safetensors.h"

namespace vitlens {
namespace {

constexpr size_t kMaxJsonDepth = 32;  // the format needs 3 levels; refuse pathological nesting early

// Builds the header's DOM as nlohmann::json::parse would, and on the way refuses duplicate keys (parse would
// silently keep the last), deep nesting, more tensors than any ViT has and more values than any real header holds,
// so a small hostile header cannot cost gigabytes or minutes. A SAX handler of its own, not parse()'s callback
// (quadratic: 100,000 entries took minutes) nor nlohmann's internal DOM builder (its template changed in 3.12).
class StrictHeaderSax {
 public:
  using Json = nlohmann::json;
  explicit StrictHeaderSax(Json& root) : root_(root) {}

  bool null() { return value(Json(nullptr)); }
  bool boolean(bool v) { return value(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return value(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return value(Json(v)); }
  bool number_float(Json::number_float_t v, const Json::string_t&) { return value(Json(v)); }
  bool string(Json::string_t& v) { return value(Json(std::move(v))); }
  template <class Binary>
  bool binary(Binary&) {
    throw HeaderProblem("header holds binary data");  // never produced by a JSON text
  }
  bool start_object(std::size_t) {
    enter(Json::object());
    keysPerObject_.emplace_back();
    return true;
  }
  bool key(Json::string_t& key) {
    if (keysPerObject_.size() == 1 && keysPerObject_.back().size() >= kMaxSafetensorsTensors + 1) {
      throw HeaderProblem("header lists more than " + std::to_string(kMaxSafetensorsTensors) +
                          " tensors; no ViT has that many (ViT-g has under 1,000)");
    }
    if (!keysPerObject_.back().insert(key).second) {
      throw HeaderProblem(keysPerObject_.size() == 1 ? "duplicate tensor name '" + key + "' in the header"
                                                     : "duplicate key '" + key + "' in the header");
    }
    pendingKey_ = key;
    return true;
  }
  bool end_object() {
    keysPerObject_.pop_back();
    open_.pop_back();
    return true;
  }
  bool start_array(std::size_t) {
    enter(Json::array());
    return true;
  }
  bool end_array() {
    open_.pop_back();
    return true;
  }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& error) {
    throw HeaderProblem(std::string("header is not valid JSON (") + error.what() + ")");
  }

 private:
  // Places a value in the innermost open object (under the last key) or array, or as the root.
  Json* place(Json&& v) {
    if (++values_ > kMaxHeaderValues) {
      throw HeaderProblem("header holds more than " + std::to_string(kMaxHeaderValues) + " JSON values");
    }
    if (open_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    Json& slot = parent[pendingKey_];
    slot = std::move(v);
    return &slot;
  }
  bool value(Json&& v) {
    place(std::move(v));
    return true;
  }
  void enter(Json&& container) {
    if (open_.size() + 1 > kMaxJsonDepth) throw HeaderProblem("header JSON is nested too deeply");
    // Pointers stay valid: nothing is added to a parent while one of its children is open.
    open_.push_back(place(std::move(container)));
  }

  // A header of 16,384 tensors with 4-dimensional shapes holds about 150,000 values.
  static constexpr size_t kMaxHeaderValues = 2'000'000;
  Json& root_;
  std::vector<Json*> open_;
  std::vector<std::unordered_set<std::string>> keysPerObject_;
  std::string pendingKey_;
  size_t values_ = 0;
};

}  // namespace

nlohmann::json parseHeader(const char* begin, const char* end) {
  nlohmann::json header;
  StrictHeaderSax sax(header);
  try {
    nlohmann::json::sax_parse(begin, end, &sax);
  } catch (const nlohmann::json::exception& e) {
    throw HeaderProblem(std::string("header is not valid JSON (") + e.what() + ")");
  }
  return header;
}

}  // namespace vitlens
