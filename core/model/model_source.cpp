#include "model/model_source.h"

#include "model/hub_cache.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "model/checkpoint_import.h"
#include "model/default_model.h"
#include "model/imagenet_labels.h"
#include "model/memory_estimate.h"
#include "model/position_resample.h"
#include "util/input_file.h"

namespace vitlens {
namespace fs = std::filesystem;

namespace {

struct ModelFiles {
  std::string weights;  // the .safetensors file
  std::optional<std::string> configJson;
  std::optional<std::string> preprocessorJson;
};

// Absent: nullopt. Present but a FIFO, device or folder: refused (never read, never skipped in silence).
std::optional<std::string> readSmallText(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) return std::nullopt;
  constexpr uint64_t kMaxBytes = 16u << 20;  // a config.json with 21k label names is about 1 MB
  try {
    return readTextFile(path.string(), kMaxBytes, path.filename().string());
  } catch (const FileError& e) {
    throw std::runtime_error(e.what());
  }
}

// A folder holding model.safetensors (or a single .safetensors), its config.json, or the weights themselves.
ModelFiles locate(const std::string& path) {
  std::error_code error;
  fs::path weights(path);
  if (fs::is_directory(weights, error)) {
    fs::path found;
    // exists, not is_regular_file: a FIFO or device under that name is refused by the reader, not passed over.
    if (fs::exists(weights / "model.safetensors", error)) {
      found = weights / "model.safetensors";
    } else {
      int count = 0;
      for (const auto& entry : fs::directory_iterator(weights, error)) {
        if (entry.path().extension() == ".safetensors" && entry.is_regular_file(error)) {
          found = entry.path();
          ++count;
        }
      }
      if (count == 0) throw std::runtime_error(path + ": no .safetensors model file in this folder");
      if (count > 1) throw std::runtime_error(path + ": several .safetensors files here; open one of them");
    }
    weights = found;
  } else if (weights.filename() == "config.json" || weights.filename() == "preprocessor_config.json") {
    weights = weights.parent_path() / "model.safetensors";
    if (!fs::exists(weights, error)) throw std::runtime_error(path + ": no model.safetensors beside this config");
  }
  ModelFiles files;
  files.weights = weights.string();
  const fs::path folder = weights.parent_path().empty() ? fs::path(".") : weights.parent_path();
  files.configJson = readSmallText(folder / "config.json");
  files.preprocessorJson = readSmallText(folder / "preprocessor_config.json");
  return files;
}

// A vitlens file (or the built-in model): its metadata is the whole truth.
ImportedCheckpoint nativeCheckpoint(SafetensorsContent content, const std::string& source) {
  ImportedCheckpoint native;
  try {
    native.meta = ModelMeta::fromMetadata(content.metadata);
  } catch (const std::invalid_argument& e) {
    throw SafetensorsError(source + ": " + e.what());
  }
  native.tensors = std::move(content.tensors);
  return native;
}

// Says what a file's tensors are (vitlens, Hugging Face or timm), without building the model yet. Files and bytes
// (the built-in model, the fuzzer) take this same path.
ImportedCheckpoint identifyCheckpoint(SafetensorsContent content, const std::optional<std::string>& configJson,
                                      const std::optional<std::string>& preprocessorJson,
                                      const ModelLoadOptions& options, const std::string& source) {
  if (content.metadata.count("config")) {
    ImportedCheckpoint native = nativeCheckpoint(std::move(content), source);
    if (options.heads > 0 && options.heads != native.meta.config.numHeads) {
      throw std::runtime_error(source + ": --heads " + std::to_string(options.heads) +
                               " contradicts the model file, which has " + std::to_string(native.meta.config.numHeads) +
                               " heads");
    }
    return native;
  }
  const ImportOptions importOptions{options.heads};
  if (looksLikeHuggingFace(content.tensors)) {
    if (!configJson) {
      throw std::runtime_error(source + ": Hugging Face ViT weights need the config.json that comes with them");
    }
    return importHuggingFace(content.tensors, *configJson, preprocessorJson, importOptions, source);
  }
  if (content.find("patch_embed.proj.weight") != nullptr) {
    return importTimm(std::move(content.tensors), configJson, importOptions, source);
  }
  throw SafetensorsError(source +
                         ": neither a vitlens model nor a timm or Hugging Face ViT (no patch embedding "
                         "among its " +
                         std::to_string(content.tensors.size()) + " tensors)");
}

std::string sizeText(int64_t height, int64_t width) { return std::to_string(height) + "x" + std::to_string(width); }

void changeInputSize(ImportedCheckpoint& checkpoint, int64_t height, int64_t width, const std::string& source) {
  VitConfig& config = checkpoint.meta.config;
  if (height == config.imageHeight && width == config.imageWidth) return;
  if (height % config.patchSize != 0 || width % config.patchSize != 0) {
    throw std::runtime_error(source + ": input size " + sizeText(height, width) +
                             " is not a multiple of the patch size " + std::to_string(config.patchSize));
  }
  VitConfig resized = config;
  resized.imageHeight = height;
  resized.imageWidth = width;
  try {
    resized.validate();
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(source + ": input size " + sizeText(height, width) + ": " + e.what());
  }
  // Resampling and running at the new size both cost memory that grows with its tokens: refuse before either.
  requireMemoryForPass(resized, 1, PassKind::Inference, source);
  const auto format = checkpoint.meta.provenance.find("format");
  const bool antialias = format == checkpoint.meta.provenance.end() || format->second != "huggingface";
  const int64_t prefixRows = config.noEmbedClass ? 0 : config.numPrefixTokens();
  for (auto& [name, tensor] : checkpoint.tensors) {
    if (name != "pos_embed") continue;
    if (tensor.dim() != 3 || tensor.size(1) != config.posEmbedTokens()) {
      throw std::runtime_error(source + ": 'pos_embed' does not match the model's own " +
                               sizeText(config.imageHeight, config.imageWidth) + " input, so it cannot be resized");
    }
    tensor = resamplePositionEmbedding(tensor, prefixRows, config.gridHeight(), config.gridWidth(),
                                       resized.gridHeight(), resized.gridWidth(), antialias);
  }
  checkpoint.notes.push_back(
      "position embeddings interpolated (bicubic) from " + sizeText(config.gridHeight(), config.gridWidth()) + " to " +
      sizeText(resized.gridHeight(), resized.gridWidth()) + " patches: input " + sizeText(height, width) +
      ", trained at " + sizeText(config.imageHeight, config.imageWidth));
  config = resized;
}

}  // namespace

std::pair<int64_t, int64_t> parseInputSize(const std::string& text) {
  const auto parseSide = [&](const std::string& side) {
    if (side.empty() || side.size() > 5 || side.find_first_not_of("0123456789") != std::string::npos) {
      throw std::invalid_argument("input size '" + text + "' must be N or HxW (e.g. 384 or 224x320)");
    }
    const int64_t value = std::stoll(side);
    if (value <= 0 || value > 8192) throw std::invalid_argument("input size '" + text + "' is out of range (1..8192)");
    return value;
  };
  const size_t cross = text.find('x');
  if (cross == std::string::npos) return {parseSide(text), parseSide(text)};
  return {parseSide(text.substr(0, cross)), parseSide(text.substr(cross + 1))};
}

namespace {

// What every load does once the checkpoint is identified: input size, labels, the memory check, the assembly.
LoadedModel finishLoading(ImportedCheckpoint checkpoint, const std::string& source, const c10::Device& device,
                          const ModelLoadOptions& options);

}  // namespace

LoadedModel loadAnyModel(const std::string& path, const c10::Device& device, const ModelLoadOptions& options) {
  if (path.empty()) {
    if (!hasDefaultModel()) {
      throw std::runtime_error("no model given, and this build has no built-in model (resources/models/ was empty)");
    }
    return loadModelBytes(defaultModelData(), defaultModelSize(), defaultModelName(), device, options);
  }
  if (isHubReference(path)) {  // hf:ORG/NAME[@REV]: the snapshot in the local Hugging Face cache
    std::string snapshot;
    try {
      snapshot = resolveHubSnapshot(parseHubReference(path), hubCacheDir());
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(e.what());
    }
    return loadAnyModel(snapshot, device, options);
  }
  const ModelFiles files = locate(path);
  return finishLoading(identifyCheckpoint(readSafetensors(files.weights), files.configJson, files.preprocessorJson,
                                          options, files.weights),
                       files.weights, device, options);
}

LoadedModel loadModelBytes(const uint8_t* data, size_t size, const std::string& sourceName, const c10::Device& device,
                           const ModelLoadOptions& options) {
  return finishLoading(
      identifyCheckpoint(parseSafetensors(data, size, sourceName), std::nullopt, std::nullopt, options, sourceName),
      sourceName, device, options);
}

namespace {

LoadedModel finishLoading(ImportedCheckpoint checkpoint, const std::string& source, const c10::Device& device,
                          const ModelLoadOptions& options) {
  const int64_t height = options.inputHeight > 0 ? options.inputHeight : checkpoint.requestedHeight;
  const int64_t width = options.inputWidth > 0 ? options.inputWidth : checkpoint.requestedWidth;
  if (height > 0 && width > 0) changeInputSize(checkpoint, height, width, source);

  ModelMeta& meta = checkpoint.meta;
  if (!options.labelsFile.empty()) {
    meta.labels = readLabelsFile(options.labelsFile, meta.config.numClasses);
    checkpoint.notes.push_back("labels from " + options.labelsFile);
  } else if (meta.labels.empty() && meta.config.numClasses == 1000) {
    meta.labels = imagenetLabels();
    checkpoint.notes.push_back("1000 classes and no labels in the model: showing the ImageNet-1k class names");
  }
  requireMemoryForPass(meta.config, 1, PassKind::Inference, source);
  LoadedModel loaded = assembleModel(std::move(meta), checkpoint.tensors, source, device);
  loaded.notes = std::move(checkpoint.notes);
  return loaded;
}

}  // namespace

}  // namespace vitlens
