#include "model/safetensors.h"

#include <ATen/ops/empty.h>
#include <ATen/ops/from_blob.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>

#include "model/safetensors_header.h"
#include "model/shape_text.h"
#include "util/atomic_file.h"
#include "util/file_mapping.h"
#include "util/input_file.h"

namespace vitlens {
namespace {

constexpr uint64_t kMaxFileBytes = 4ull * 1024 * 1024 * 1024;

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

constexpr size_t kMaxDimensions = 8;  // a ViT's tensors have at most 4

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
    if (shape->size() > kMaxDimensions) {
      failTensor(name, "'shape' has " + std::to_string(shape->size()) +
                           " dimensions; vitlens reads tensors of at most " + std::to_string(kMaxDimensions));
    }
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

namespace {

// What the header says: the tensors in data-offset order (validated to tile the data area exactly) and metadata.
struct Layout {
  std::vector<Entry> entries;
  std::map<std::string, std::string> metadata;
};

// The 8-byte little-endian header length, checked against the limit and the file size before anything is read.
uint64_t checkedHeaderLength(const uint8_t prefix[8], uint64_t fileSize, const std::string& sourceName) {
  uint64_t headerBytes = 0;
  for (int i = 7; i >= 0; --i) headerBytes = (headerBytes << 8) | prefix[i];  // little-endian u64
  if (headerBytes > kMaxSafetensorsHeaderBytes) {
    failSource(sourceName, "header length " + std::to_string(headerBytes) + " exceeds the limit of " +
                               std::to_string(kMaxSafetensorsHeaderBytes) + " bytes (not a safetensors file?)");
  }
  if (headerBytes > fileSize - 8) {
    failSource(sourceName, "header length " + std::to_string(headerBytes) + " runs past the end of the file (" +
                               std::to_string(fileSize) + " bytes; truncated?)");
  }
  return headerBytes;
}

void checkMinimumSize(uint64_t size, const std::string& sourceName) {
  if (size < 8) {
    failSource(sourceName, "too small to be a safetensors file (" + std::to_string(size) +
                               " bytes; the header length alone takes 8)");
  }
}

Layout parseLayout(const char* headerBegin, uint64_t headerBytes, uint64_t fileSize, const std::string& sourceName) {
  const auto fail = [&](const std::string& what) { failSource(sourceName, what); };
  nlohmann::json header;
  try {
    header = parseHeader(headerBegin, headerBegin + headerBytes);
  } catch (const HeaderProblem& problem) {
    fail(problem.what());
  }
  if (!header.is_object()) fail("header is not a JSON object");

  const uint64_t dataSize = fileSize - 8 - headerBytes;
  HeaderReader reader(sourceName, dataSize, fileSize);
  Layout layout;
  layout.entries.reserve(header.size());
  for (const auto& [key, value] : header.items()) {
    if (key == "__metadata__") {
      if (!value.is_object()) fail("__metadata__ is not a JSON object");
      for (const auto& [metaKey, metaValue] : value.items()) {
        if (!metaValue.is_string()) fail("__metadata__ value of '" + metaKey + "' is not a string");
        layout.metadata[metaKey] = metaValue.get<std::string>();
      }
      continue;
    }
    layout.entries.push_back(reader.readEntry(key, value));
  }

  // Tensors must tile the data area: in offset order, each starts where the previous ended.
  std::stable_sort(layout.entries.begin(), layout.entries.end(), [](const Entry& a, const Entry& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  uint64_t position = 0;
  const Entry* previous = nullptr;
  for (const auto& entry : layout.entries) {
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
  return layout;
}

// Allocates each tensor and lets `fill(entry, destination)` copy its bytes, then widens to float32.
template <class Fill>
SafetensorsContent materialise(Layout layout, Fill fill) {
  SafetensorsContent content;
  content.metadata = std::move(layout.metadata);
  content.tensors.reserve(layout.entries.size());
  for (const auto& entry : layout.entries) {
    // Memory the tensor owns (aligned, independent of any file buffer).
    auto stored = at::empty(entry.shape, at::TensorOptions().dtype(entry.dtype->type));
    if (entry.end > entry.begin) fill(entry, stored.data_ptr());
    content.tensors.emplace_back(entry.name, entry.dtype->type == at::kFloat ? stored : stored.to(at::kFloat));
  }
  return content;
}

// Float32 tensors whose bytes are aligned become views of `mapping` (each keeps it alive); the others are copied
// out and converted, and their pages given back at once.
SafetensorsContent materialiseMapped(Layout layout, const std::shared_ptr<FileMapping>& mapping, uint64_t dataStart) {
  SafetensorsContent content;
  content.metadata = std::move(layout.metadata);
  content.tensors.reserve(layout.entries.size());
  for (const auto& entry : layout.entries) {
    uint8_t* bytes = mapping->data() + dataStart + entry.begin;
    const auto count = static_cast<size_t>(entry.end - entry.begin);
    const bool view = entry.dtype->type == at::kFloat && count > 0 && reinterpret_cast<uintptr_t>(bytes) % 4 == 0;
    if (view) {
      content.tensors.emplace_back(entry.name,
                                   at::from_blob(
                                       bytes, entry.shape, [mapping](void*) {}, at::TensorOptions().dtype(at::kFloat)));
      continue;
    }
    auto stored = at::empty(entry.shape, at::TensorOptions().dtype(entry.dtype->type));
    if (count > 0) std::memcpy(stored.data_ptr(), bytes, count);
    releaseFilePages(bytes, count);
    content.tensors.emplace_back(entry.name, entry.dtype->type == at::kFloat ? stored : stored.to(at::kFloat));
  }
  return content;
}

}  // namespace

SafetensorsContent parseSafetensors(const uint8_t* data, size_t size, const std::string& sourceName) {
  if (data == nullptr && size != 0) failSource(sourceName, "no data");
  checkMinimumSize(size, sourceName);
  const uint64_t headerBytes = checkedHeaderLength(data, size, sourceName);
  Layout layout = parseLayout(reinterpret_cast<const char*>(data + 8), headerBytes, size, sourceName);
  const uint8_t* dataArea = data + 8 + headerBytes;
  return materialise(std::move(layout), [&](const Entry& entry, void* out) {
    std::memcpy(out, dataArea + entry.begin, entry.end - entry.begin);
  });
}

SafetensorsContent readSafetensors(const std::string& path) {
  // Header first, data last: a file is refused for what its first bytes say before its size is paid for, and a
  // FIFO or device is refused before anything could block.
  std::unique_ptr<InputFile> file;
  try {
    file = std::make_unique<InputFile>(path);
  } catch (const FileError& error) {
    throw SafetensorsError(error.what());
  }
  const uint64_t size = file->size();
  if (size > kMaxFileBytes) {
    throw SafetensorsError(path + ": file is " + std::to_string(size) + " bytes; vitlens reads model files up to 4 GB");
  }
  try {
    checkMinimumSize(size, path);
    uint8_t prefix[8];
    file->readAt(0, prefix, sizeof prefix);
    const uint64_t headerBytes = checkedHeaderLength(prefix, size, path);
    std::string header(static_cast<size_t>(headerBytes), '\0');
    if (headerBytes > 0) file->readAt(8, header.data(), header.size());
    Layout layout = parseLayout(header.data(), headerBytes, size, path);
    // The data mapped, not read: float32 tensors are views of the file's pages (see util/file_mapping.h).
    const std::shared_ptr<FileMapping> mapping = FileMapping::map(path, size);
    return materialiseMapped(std::move(layout), mapping, 8 + headerBytes);
  } catch (const FileError& error) {
    throw SafetensorsError(error.what());
  }
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
