#include "model/safetensors.h"

#include <ATen/ops/empty.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <set>

#include "util/atomic_file.h"

namespace vitlens {
namespace {

constexpr uint64_t kMaxFileBytes = 4ull * 1024 * 1024 * 1024;
constexpr size_t kMaxJsonDepth = 32;  // the format needs 3 levels; refuse pathological nesting early

struct DtypeInfo {
  const char* name;
  at::ScalarType type;
  size_t bytes;
};

const DtypeInfo* findDtype(const std::string& name) {
  static const DtypeInfo kKnown[] = {{"F32", at::kFloat, 4}, {"F16", at::kHalf, 2}, {"BF16", at::kBFloat16, 2}};
  for (const auto& info : kKnown) {
    if (name == info.name) return &info;
  }
  return nullptr;
}

const DtypeInfo& storageInfo(StorageDtype dtype) {
  switch (dtype) {
    case StorageDtype::F16:
      return *findDtype("F16");
    case StorageDtype::BF16:
      return *findDtype("BF16");
    case StorageDtype::F32:
      break;
  }
  return *findDtype("F32");
}

std::string shapeText(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

// Thrown from the JSON parser callback; turned into a SafetensorsError with the source name.
struct HeaderProblem {
  std::string message;
};

// Parses the header, rejecting duplicate keys (nlohmann would silently keep the last) and deep nesting.
nlohmann::json parseHeader(const char* begin, const char* end) {
  std::vector<std::set<std::string>> keysPerObject;
  const auto callback = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (static_cast<size_t>(depth) > kMaxJsonDepth) throw HeaderProblem{"header JSON is nested too deeply"};
    if (event == Event::object_start) {
      keysPerObject.emplace_back();
    } else if (event == Event::object_end) {
      if (!keysPerObject.empty()) keysPerObject.pop_back();
    } else if (event == Event::key && !keysPerObject.empty()) {
      const auto key = parsed.get<std::string>();
      if (!keysPerObject.back().insert(key).second) {
        throw HeaderProblem{keysPerObject.size() == 1 ? "duplicate tensor name '" + key + "' in the header"
                                                      : "duplicate key '" + key + "' in the header"};
      }
    }
    return true;
  };
  try {
    return nlohmann::json::parse(begin, end, callback);
  } catch (const nlohmann::json::exception& e) {
    throw HeaderProblem{std::string("header is not valid JSON (") + e.what() + ")"};
  }
}

[[noreturn]] void failSource(const std::string& source, const std::string& what) {
  throw SafetensorsError(source + ": " + what);
}

struct Entry {
  std::string name;
  const DtypeInfo* dtype = nullptr;
  std::vector<int64_t> shape;
  uint64_t begin = 0;
  uint64_t end = 0;
};

class HeaderReader {
 public:
  HeaderReader(const std::string& source, uint64_t dataSize, uint64_t fileSize)
      : source_(source), dataSize_(dataSize), fileSize_(fileSize) {}

  [[noreturn]] void fail(const std::string& what) const { throw SafetensorsError(source_ + ": " + what); }
  [[noreturn]] void failTensor(const std::string& name, const std::string& what) const {
    fail("tensor '" + name + "': " + what);
  }

  Entry readEntry(const std::string& name, const nlohmann::json& value) const {
    if (!value.is_object()) failTensor(name, "header entry is not a JSON object");
    Entry entry;
    entry.name = name;

    const auto dtype = value.find("dtype");
    if (dtype == value.end() || !dtype->is_string()) failTensor(name, "'dtype' missing or not a string");
    entry.dtype = findDtype(dtype->get<std::string>());
    if (entry.dtype == nullptr) {
      failTensor(name, "unsupported dtype '" + dtype->get<std::string>() + "' (vitlens reads F32, F16 and BF16)");
    }

    const auto shape = value.find("shape");
    if (shape == value.end() || !shape->is_array()) failTensor(name, "'shape' missing or not an array");
    uint64_t numel = 1;
    uint64_t strideBound = 1;  // product of max(dim, 1): keeps strides representable even when numel is 0
    for (const auto& dim : *shape) {
      if (!dim.is_number_unsigned()) failTensor(name, "'shape' must hold non-negative integers, got " + dim.dump());
      const uint64_t size = dim.get<uint64_t>();
      const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
      if (size > limit || std::max<uint64_t>(size, 1) > limit / strideBound) failTensor(name, "'shape' is too large");
      strideBound *= std::max<uint64_t>(size, 1);
      numel *= size;
      entry.shape.push_back(static_cast<int64_t>(size));
    }

    const auto offsets = value.find("data_offsets");
    if (offsets == value.end() || !offsets->is_array() || offsets->size() != 2 || !(*offsets)[0].is_number_unsigned() ||
        !(*offsets)[1].is_number_unsigned()) {
      failTensor(name, "'data_offsets' must be two non-negative integers");
    }
    entry.begin = (*offsets)[0].get<uint64_t>();
    entry.end = (*offsets)[1].get<uint64_t>();
    const std::string offsetText =
        "data_offsets [" + std::to_string(entry.begin) + ", " + std::to_string(entry.end) + "]";
    if (entry.begin > entry.end) failTensor(name, offsetText + " begin after end");
    if (entry.end > dataSize_) {
      failTensor(name, offsetText + " end past the end of the file (" + std::to_string(fileSize_) + " bytes, " +
                           std::to_string(dataSize_) + " of tensor data)");
    }
    const uint64_t expectedBytes = numel * entry.dtype->bytes;  // only compared once numel <= dataSize_ is known
    if (numel > dataSize_ || expectedBytes != entry.end - entry.begin) {
      failTensor(name, offsetText + " span " + std::to_string(entry.end - entry.begin) + " bytes but shape " +
                           shapeText(entry.shape) + " of " + entry.dtype->name + " needs " +
                           (numel > dataSize_ ? std::string("more than the file holds")
                                              : std::to_string(expectedBytes) + " bytes"));
    }
    return entry;
  }

 private:
  const std::string& source_;
  uint64_t dataSize_;
  uint64_t fileSize_;
};

}  // namespace

const at::Tensor* SafetensorsContent::find(const std::string& name) const {
  for (const auto& [key, tensor] : tensors) {
    if (key == name) return &tensor;
  }
  return nullptr;
}

SafetensorsContent parseSafetensors(const uint8_t* data, size_t size, const std::string& sourceName) {
  const auto fail = [&](const std::string& what) { failSource(sourceName, what); };
  if (data == nullptr && size != 0) fail("no data");
  if (size < 8) {
    fail("too small to be a safetensors file (" + std::to_string(size) + " bytes; the header length alone takes 8)");
  }
  uint64_t headerBytes = 0;
  for (int i = 7; i >= 0; --i) headerBytes = (headerBytes << 8) | data[i];  // little-endian u64
  if (headerBytes > kMaxSafetensorsHeaderBytes) {
    fail("header length " + std::to_string(headerBytes) + " exceeds the limit of " +
         std::to_string(kMaxSafetensorsHeaderBytes) + " bytes (not a safetensors file?)");
  }
  if (headerBytes > size - 8) {
    fail("header length " + std::to_string(headerBytes) + " runs past the end of the file (" + std::to_string(size) +
         " bytes; truncated?)");
  }
  const char* headerBegin = reinterpret_cast<const char*>(data + 8);
  nlohmann::json header;
  try {
    header = parseHeader(headerBegin, headerBegin + headerBytes);
  } catch (const HeaderProblem& problem) {
    fail(problem.message);
  }
  if (!header.is_object()) fail("header is not a JSON object");

  const uint8_t* dataArea = data + 8 + headerBytes;
  const uint64_t dataSize = size - 8 - headerBytes;
  HeaderReader reader(sourceName, dataSize, size);
  SafetensorsContent content;
  std::vector<Entry> entries;
  for (const auto& [key, value] : header.items()) {
    if (key == "__metadata__") {
      if (!value.is_object()) fail("__metadata__ is not a JSON object");
      for (const auto& [metaKey, metaValue] : value.items()) {
        if (!metaValue.is_string()) fail("__metadata__ value of '" + metaKey + "' is not a string");
        content.metadata[metaKey] = metaValue.get<std::string>();
      }
      continue;
    }
    entries.push_back(reader.readEntry(key, value));
  }

  // Tensors must tile the data area: in offset order, each starts where the previous ended.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  uint64_t position = 0;
  const Entry* previous = nullptr;
  for (const auto& entry : entries) {
    if (entry.begin < position) {
      reader.failTensor(entry.name, "data overlaps tensor '" + (previous ? previous->name : std::string()) + "'");
    }
    if (entry.begin > position) {
      reader.failTensor(entry.name, "gap of " + std::to_string(entry.begin - position) +
                                        " bytes before its data (offsets must be contiguous)");
    }
    position = entry.end;
    previous = &entry;
  }
  if (position != dataSize) {
    fail(std::to_string(dataSize - position) + " bytes after the last tensor's data (offsets must cover the data)");
  }

  content.tensors.reserve(entries.size());
  for (const auto& entry : entries) {
    // Copy into memory the tensor owns (aligned, independent of the file buffer), then widen to float32.
    auto stored = at::empty(entry.shape, at::TensorOptions().dtype(entry.dtype->type));
    if (entry.end > entry.begin) std::memcpy(stored.data_ptr(), dataArea + entry.begin, entry.end - entry.begin);
    content.tensors.emplace_back(entry.name, entry.dtype->type == at::kFloat ? stored : stored.to(at::kFloat));
  }
  return content;
}

SafetensorsContent readSafetensors(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw SafetensorsError("cannot open " + path + ": " + std::strerror(errno));
  if (std::fseek(file.get(), 0, SEEK_END) != 0)
    throw SafetensorsError("cannot read " + path + ": " + std::strerror(errno));
  const long length = std::ftell(file.get());
  if (length < 0) throw SafetensorsError("cannot read " + path + ": " + std::strerror(errno));
  if (static_cast<uint64_t>(length) > kMaxFileBytes) {
    throw SafetensorsError(path + ": file is " + std::to_string(length) +
                           " bytes; vitlens reads model files up to 4 GB");
  }
  std::rewind(file.get());
  std::vector<uint8_t> bytes(static_cast<size_t>(length));
  if (!bytes.empty() && std::fread(bytes.data(), 1, bytes.size(), file.get()) != bytes.size()) {
    throw SafetensorsError("cannot read " + path + ": " +
                           (std::ferror(file.get()) ? std::strerror(errno) : "short read"));
  }
  return parseSafetensors(bytes.data(), bytes.size(), path);
}

std::vector<uint8_t> serializeSafetensors(const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                                          const std::map<std::string, std::string>& metadata, StorageDtype dtype) {
  const DtypeInfo& info = storageInfo(dtype);
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::vector<at::Tensor> stored;
  stored.reserve(tensors.size());
  uint64_t offset = 0;
  for (const auto& [name, tensor] : tensors) {
    if (name == "__metadata__" || header.contains(name)) {
      throw SafetensorsError("cannot write tensor '" + name + "': duplicate or reserved name");
    }
    if (!tensor.defined()) throw SafetensorsError("cannot write tensor '" + name + "': undefined tensor");
    stored.push_back(tensor.detach().to(at::kCPU).to(info.type).contiguous());
    const uint64_t bytes = static_cast<uint64_t>(stored.back().numel()) * info.bytes;
    header[name] = {
        {"dtype", info.name}, {"shape", stored.back().sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string json = header.dump();
  json.append((8 - json.size() % 8) % 8, ' ');  // keeps the data area 8-byte aligned, as the reference writer does

  std::vector<uint8_t> out(8 + json.size() + offset);
  for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<uint8_t>(uint64_t(json.size()) >> (8 * i));
  std::memcpy(out.data() + 8, json.data(), json.size());
  uint8_t* cursor = out.data() + 8 + json.size();
  for (const auto& tensor : stored) {
    const size_t bytes = static_cast<size_t>(tensor.numel()) * info.bytes;
    if (bytes > 0) std::memcpy(cursor, tensor.data_ptr(), bytes);
    cursor += bytes;
  }
  return out;
}

void writeSafetensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                      const std::map<std::string, std::string>& metadata, StorageDtype dtype) {
  writeFileAtomically(path, serializeSafetensors(tensors, metadata, dtype));
}

StorageDtype parseStorageDtype(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (lower == "float32" || lower == "f32") return StorageDtype::F32;
  if (lower == "float16" || lower == "f16") return StorageDtype::F16;
  if (lower == "bfloat16" || lower == "bf16") return StorageDtype::BF16;
  throw std::invalid_argument("unknown storage dtype '" + name + "' (expected float32, float16 or bfloat16)");
}

}  // namespace vitlens
