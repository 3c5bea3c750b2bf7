#include "engine/engine.h"

#include "engine/engine_impl.h"

#include <ATen/ATen.h>
#include <c10/core/Device.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "analysis/attention_distance.h"
#include "analysis/attention_map.h"
#include "analysis/explanation.h"
#include "analysis/faithfulness.h"
#include "analysis/patch_filters.h"
#include "analysis/position_similarity.h"
#include "analysis/rollout.h"
#include "imaging/heatmap.h"
#include "imaging/image_tensor.h"
#include "imaging/preprocess.h"
#include "model/default_model.h"
#include "model/device_memory.h"
#include "model/memory_estimate.h"
#include "model/model_file.h"
#include "model/model_source.h"

namespace vitlens {

// ---------------------------------------------------------------------------------------------- AttentionSet

struct AttentionSet::Impl {
  // L x (1, heads, N, N) where the model ran (a GPU's memory) in its compute dtype: a map reads one query's row,
  // and only that row comes to the host. Undefined for the layers the pass did not capture.
  std::vector<at::Tensor> attention;
  TokenLayout layout;
  std::vector<std::string> prefixNames;
  int64_t patchPixels = 1;

  // Out-of-range layers are left to the readers, which name the range.
  void requireLayer(int layer) const {
    if (layer >= 0 && layer < static_cast<int>(attention.size()) && !attention[static_cast<size_t>(layer)].defined()) {
      throw std::invalid_argument("layer " + std::to_string(layer) + "'s attention was not captured");
    }
  }
  void requireEveryLayer(const char* what) const {
    for (const at::Tensor& layer : attention) {
      if (!layer.defined()) throw std::invalid_argument(std::string(what) + " needs every layer's attention captured");
    }
  }
};

AttentionSet::AttentionSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AttentionSet::~AttentionSet() = default;

int AttentionSet::layers() const { return static_cast<int>(impl_->attention.size()); }
int AttentionSet::heads() const {
  for (const at::Tensor& layer : impl_->attention) {
    if (layer.defined()) return static_cast<int>(layer.size(1));
  }
  return 0;
}
bool AttentionSet::captured(int layer) const {
  return layer >= 0 && layer < layers() && impl_->attention[static_cast<size_t>(layer)].defined();
}
int AttentionSet::gridRows() const { return static_cast<int>(impl_->layout.gridRows); }
int AttentionSet::gridCols() const { return static_cast<int>(impl_->layout.gridCols); }
int AttentionSet::prefixTokens() const { return static_cast<int>(impl_->layout.prefixTokens); }
bool AttentionSet::hasClassToken() const { return impl_->layout.classToken && impl_->layout.prefixTokens > 0; }
const std::vector<std::string>& AttentionSet::prefixTokenNames() const { return impl_->prefixNames; }

std::vector<int> AttentionSet::droppedPatches() const {
  std::vector<int> dropped;
  for (int64_t p = 0; p < impl_->layout.gridRows * impl_->layout.gridCols; ++p) {
    if (patchToken(impl_->layout, p) < 0) dropped.push_back(static_cast<int>(p));
  }
  return dropped;
}

// The token a query means: the class token for queryPatch < 0, otherwise that patch's.
static int64_t queryTokenOf(const TokenLayout& layout, int queryPatch) {
  int64_t queryToken = 0;
  if (queryPatch < 0) {
    if (!layout.classToken || layout.prefixTokens == 0) {
      throw std::invalid_argument("this model has no class token; choose a query patch");
    }
  } else {
    const int64_t patches = layout.gridRows * layout.gridCols;
    if (queryPatch >= patches) {
      throw std::out_of_range("query patch " + std::to_string(queryPatch) + " is out of range (0.." +
                              std::to_string(patches - 1) + ")");
    }
    queryToken = patchToken(layout, queryPatch);
    if (queryToken < 0) {
      throw std::invalid_argument("patch " + std::to_string(queryPatch) + " was dropped: it asks nothing");
    }
  }
  return queryToken;
}

cv::Mat AttentionSet::map(int layer, const HeadSelection& heads, int queryPatch) const {
  const TokenLayout& layout = impl_->layout;
  impl_->requireLayer(layer);
  return toMat(attentionMap(impl_->attention, layer, heads, queryTokenOf(layout, queryPatch), layout));
}

std::vector<float> AttentionSet::prefixAttention(int layer, const HeadSelection& heads, int queryPatch) const {
  const TokenLayout& layout = impl_->layout;
  impl_->requireLayer(layer);
  const at::Tensor values =
      vitlens::prefixAttention(impl_->attention, layer, heads, queryTokenOf(layout, queryPatch), layout);
  const float* data = values.data_ptr<float>();
  return std::vector<float>(data, data + values.numel());
}

cv::Mat AttentionSet::rollout(HeadReduce fusion, double discardRatio) const {
  impl_->requireEveryLayer("rollout");
  return toMat(attentionRollout(impl_->attention, fusion, discardRatio, impl_->layout));
}

std::vector<std::vector<double>> AttentionSet::meanDistances() const {
  impl_->requireEveryLayer("mean attention distance");
  const at::Tensor distances =
      meanAttentionDistance(impl_->attention, impl_->layout, static_cast<double>(impl_->patchPixels))
          .contiguous();  // (L, H)
  std::vector<std::vector<double>> result(static_cast<size_t>(distances.size(0)));
  for (int64_t layer = 0; layer < distances.size(0); ++layer) {
    const double* row = distances[layer].data_ptr<double>();
    result[static_cast<size_t>(layer)].assign(row, row + distances.size(1));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------- Engine

namespace {

// The first CUDA pass pays for the context, the cuBLAS handles and kernel selection (seconds): paid at load, not
// by the user's first image. Both attention paths, as the views use both.
void warmUp(Engine::Impl& impl) {
  c10::InferenceMode inference;
  const VitConfig& config = impl.loaded.meta.config;
  VisionTransformer& model = impl.loaded.model;
  const at::Tensor input = at::zeros({1, config.channels, config.imageHeight, config.imageWidth},
                                     at::TensorOptions(model->pos_embed.device()));  // (1, 3, H, W)
  model->forward(input, false);
  const VitOutput captured = model->forward(input, true);
  (void)captured.features.sum().item<float>();  // waits for the device
}

}  // namespace

void fallBackToCpu(Engine::Impl& impl, const std::exception& error) {
  const std::string from = impl.deviceName;
  impl.loaded.model->to(c10::Device(c10::kCPU));
  impl.deviceName = "cpu";
  if (impl.requestedDtype == ComputeDtype::Float16) impl.requestedDtype = ComputeDtype::Auto;
  impl.dtype = resolveComputeDtype(impl.requestedDtype, "cpu", impl.loaded.meta.config.embedDim);
  impl.loaded.model->setComputeDtype(impl.dtype);
  const std::string message = (from == "cuda" ? "CUDA" : "the device") + std::string(" ran out of memory (") +
                              outOfMemorySummary(error) + "); the model moved to the CPU (" +
                              computeDtypeName(impl.dtype) + ") and the work was done there";
  impl.loaded.notes.push_back(message);
  if (impl.notice) impl.notice(message);
}

Engine::Engine(const std::string& modelPath, DeviceChoice device, const ModelLoadOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->deviceName = resolveDevice(device);
  impl_->source = modelPath.empty() ? defaultModelName() : modelPath;
  const c10::Device torchDevice(impl_->deviceName == "cuda" ? c10::DeviceType::CUDA : c10::DeviceType::CPU);
  try {
    impl_->loaded = loadAnyModel(modelPath, torchDevice, options);
  } catch (const c10::OutOfMemoryError& error) {
    if (!torchDevice.is_cuda()) {
      throw MemoryLimitError(impl_->source + ": out of memory on the CPU (" + outOfMemorySummary(error) + ")");
    }
    impl_->loaded = loadAnyModel(modelPath, c10::Device(c10::kCPU), options);
    impl_->deviceName = "cpu";
    impl_->loaded.notes.push_back("CUDA ran out of memory loading the model (" + outOfMemorySummary(error) +
                                  "); it runs on the CPU");
  }
  if (impl_->loaded.meta.config.channels != 3) {
    throw std::runtime_error(impl_->source + ": the model takes " + std::to_string(impl_->loaded.meta.config.channels) +
                             "-channel input; vitlens feeds it RGB images (3 channels)");
  }
  try {
    impl_->requestedDtype = options.dtype;
    impl_->dtype = resolveComputeDtype(options.dtype, impl_->deviceName, impl_->loaded.meta.config.embedDim);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(e.what());
  }
  impl_->loaded.model->setComputeDtype(impl_->dtype);
  if (impl_->deviceName == "cuda") {
    onDeviceOrCpu(*impl_, [&] {
      warmUp(*impl_);
      return 0;
    });
  }
}

Engine::~Engine() = default;

const ModelMeta& Engine::meta() const { return impl_->loaded.meta; }
const std::string& Engine::source() const { return impl_->source; }
const std::vector<std::string>& Engine::notes() const { return impl_->loaded.notes; }
std::string Engine::dtype() const { return computeDtypeName(impl_->dtype); }
ComputeDtype Engine::computeDtype() const { return impl_->dtype; }
std::string Engine::dtypeReason() const {
  return computeDtypeReason(impl_->requestedDtype, impl_->dtype, impl_->deviceName, impl_->loaded.meta.config.embedDim);
}
bool hasBuiltInModel() { return hasDefaultModel(); }

PreprocessSpec preprocessSpecFor(const ModelMeta& meta) {
  PreprocessSpec spec;
  spec.height = static_cast<int>(meta.config.imageHeight);
  spec.width = static_cast<int>(meta.config.imageWidth);
  spec.mean = meta.mean;
  spec.stddev = meta.stddev;
  spec.cropPct = meta.cropPct;
  return spec;
}
std::string Engine::device() const { return impl_->deviceName; }
void Engine::setNoticeHandler(std::function<void(const std::string&)> handler) { impl_->notice = std::move(handler); }
int64_t Engine::parameterCount() const { return impl_->loaded.model->parameterCount(); }

std::shared_ptr<const AttentionSet> makeAttentionSet(const std::vector<at::Tensor>& attention, const ModelMeta& meta,
                                                     const std::vector<int>& droppedPatches) {
  auto impl = std::make_unique<AttentionSet::Impl>();
  impl->attention = attention;  // left where and as the model made them (see Impl)
  const VitConfig& config = meta.config;
  impl->layout = tokenLayoutOf(config, droppedPatches);
  impl->prefixNames = prefixTokenNames(config);
  impl->patchPixels = config.patchSize;
  return std::make_shared<const AttentionSet>(std::move(impl));
}

namespace {

// Engine::analyse's pass, once the request is checked.
ImageAnalysis analyseOnDevice(Engine::Impl& impl, const cv::Mat& rgb, int topk, bool captureAttention,
                              const Interventions& interventions, const AttentionCapture& capture) {
  const ModelMeta& meta = impl.loaded.meta;
  const PreparedImage prepared = preprocessImage(rgb, preprocessSpecFor(meta));

  // Not just no gradients: no autograd bookkeeping at all (no version counters, no autograd dispatch), about 30 %
  // of a small model's pass. What it makes are inference tensors, which the readers only read.
  c10::InferenceMode inference;
  VisionTransformer& model = impl.loaded.model;
  const c10::Device device = model->pos_embed.device();
  const at::Tensor input = toDevice(toInputTensor(prepared), device);  // (1, 3, H, W), float32: see setComputeDtype

  const auto start = std::chrono::steady_clock::now();
  VitOutput output = captureAttention        ? model->forward(input, capture, interventions)
                     : interventions.empty() ? model->forward(input, false)
                                             : model->forward(input, false, interventions);
  // Copying to the CPU waits for the device, so the time covers the whole forward pass on CUDA as well.
  const at::Tensor probabilities = output.logits.defined()
                                       ? at::softmax(output.logits.to(at::kFloat), -1)[0].to(at::kCPU).contiguous()
                                       : at::empty({0}, at::kFloat);  // no head: no classes
  const auto stop = std::chrono::steady_clock::now();
  // Finite weights can still overflow (a float16 model, an extreme image): NaN must not pass for a probability.
  // A NaN anywhere reaches the logits (and the last layer's attention), so those are all that is checked.
  const bool finite = at::isfinite(probabilities).all().item<bool>() &&
                      (output.attention.empty() || !output.attention.back().defined() ||
                       at::isfinite(output.attention.back()).all().item<bool>());
  if (!finite) {
    throw std::runtime_error(impl.source +
                             ": the model produced NaN or infinite values for this image; no result to show");
  }

  ImageAnalysis result;
  result.sourceCrop = prepared.sourceCrop;
  Classification& classification = result.classification;
  classification.device = impl.deviceName;
  classification.dtype = computeDtypeName(impl.dtype);
  classification.milliseconds = std::chrono::duration<double, std::milli>(stop - start).count();
  if (probabilities.numel() > 0) {
    const float* probs = probabilities.data_ptr<float>();
    classification.probabilities.assign(probs, probs + probabilities.numel());
    const int64_t k = std::max<int64_t>(1, std::min<int64_t>(topk, probabilities.numel()));
    const at::Tensor indices = std::get<1>(probabilities.topk(k)).to(at::kLong).contiguous();
    for (int64_t i = 0; i < k; ++i) {
      const int64_t index = indices[i].item<int64_t>();
      classification.top.push_back({index, meta.label(index), probs[index]});
    }
  }

  if (captureAttention) result.attention = makeAttentionSet(output.attention, meta, interventions.droppedPatches);
  return result;
}

}  // namespace

ImageAnalysis Engine::analyse(const cv::Mat& rgb, int topk, bool captureAttention, Interventions interventions,
                              const std::vector<int>& captureLayers) {
  const ModelMeta& meta = impl_->loaded.meta;
  validateInterventions(interventions, meta.config);
  AttentionCapture capture;
  for (int layer : captureLayers) {
    if (layer < 0 || layer >= meta.config.depth) {
      throw std::invalid_argument("layer " + std::to_string(layer) + " is out of range: the model has " +
                                  std::to_string(meta.config.depth) + " layers");
    }
    capture.layers.push_back(layer);
  }
  requireMemoryForPass(meta.config, 1, captureAttention ? PassKind::InferenceCaptured : PassKind::Inference,
                       impl_->source, captureLayers.empty() ? -1 : static_cast<int64_t>(captureLayers.size()));
  return onDeviceOrCpu(*impl_,
                       [&] { return analyseOnDevice(*impl_, rgb, topk, captureAttention, interventions, capture); });
}

int Engine::parseClass(const std::string& text) const {
  const ModelMeta& meta = impl_->loaded.meta;
  const int64_t classes = meta.config.numClasses;
  if (text == "top") return -1;
  if (!text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    const long long index = text.size() > 9 ? classes : std::stoll(text);
    if (index >= classes) {
      throw std::invalid_argument("--class " + text + " is out of range: the model has " + std::to_string(classes) +
                                  " classes (0.." + std::to_string(classes - 1) + ")");
    }
    return static_cast<int>(index);
  }
  const auto lower = [](std::string value) {
    for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return value;
  };
  for (int64_t i = 0; i < classes; ++i) {
    if (meta.label(i) == text) return static_cast<int>(i);
  }
  for (int64_t i = 0; i < classes; ++i) {
    if (lower(meta.label(i)) == lower(text)) return static_cast<int>(i);
  }
  throw std::invalid_argument("--class '" + text + "' is not one of the model's " + std::to_string(classes) +
                              " class names (nor top or an index)");
}

cv::Mat Engine::filterMontage(bool principalComponents, int scale) const {
  const at::Tensor weight = impl_->loaded.model->patch_embed->proj->weight;
  // Each filter becomes a (patch * scale)^2 RGB tile, widened to float on the way, then copied into the montage.
  const double tilePixels = std::pow(static_cast<double>(weight.size(2)) * scale, 2);
  requireMemory(static_cast<uint64_t>(static_cast<double>(weight.size(0)) * tilePixels * (3 * 4 + 3 * 2)),
                impl_->source + ": the filter montage at scale " + std::to_string(scale));
  const std::vector<cv::Mat> tiles =
      principalComponents ? patchFilterPrincipalComponents(weight, 28, scale) : patchFilterTiles(weight, scale);
  const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(tiles.size()))));
  return makeMontage(tiles, columns, std::max(1, scale / 2));
}

cv::Mat Engine::positionSimilarity() const {
  return toMat(positionEmbeddingSimilarity(impl_->loaded.model->pos_embed, impl_->loaded.meta.config.numPatches()));
}

ConvertedModel convertModel(const std::string& from, const std::string& to, const ModelLoadOptions& options,
                            const std::string& dtype) {
  LoadedModel loaded = loadAnyModel(from, c10::Device(c10::kCPU), options);
  loaded.meta.provenance["converted_from"] = from;
  saveModelFile(to, loaded.model, loaded.meta, parseStorageDtype(dtype));
  ConvertedModel converted;
  const VitConfig& c = loaded.meta.config;
  converted.summary = loaded.meta.name + ", " + std::to_string(c.depth) + " layers x " + std::to_string(c.numHeads) +
                      " heads, width " + std::to_string(c.embedDim) + ", " + std::to_string(c.imageHeight) + "x" +
                      std::to_string(c.imageWidth) + " input, " + std::to_string(c.numClasses) + " classes, " +
                      std::to_string(loaded.model->parameterCount()) + " parameters, " + dtype;
  converted.notes = loaded.notes;
  return converted;
}

int64_t writeUntrainedModel(const std::string& path, const ModelMeta& meta, uint64_t seed, const std::string& dtype) {
  at::manual_seed(seed);
  VisionTransformer model(meta.config);
  ModelMeta marked = meta;
  marked.provenance["trained"] = "no";  // the window says so where it shows the predictions
  saveModelFile(path, model, marked, parseStorageDtype(dtype));
  return model->parameterCount();
}

}  // namespace vitlens
