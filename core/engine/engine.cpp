#include "engine/engine.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <c10/core/Device.h>

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
#include "model/memory_estimate.h"
#include "model/model_file.h"
#include "model/model_source.h"

namespace vitlens {

// ---------------------------------------------------------------------------------------------- AttentionSet

struct AttentionSet::Impl {
  std::vector<at::Tensor> attention;  // L x (1, heads, N, N), float32 on the CPU
  TokenLayout layout;
  std::vector<std::string> prefixNames;
  int64_t patchPixels = 1;
};

AttentionSet::AttentionSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AttentionSet::~AttentionSet() = default;

int AttentionSet::layers() const { return static_cast<int>(impl_->attention.size()); }
int AttentionSet::heads() const { return impl_->attention.empty() ? 0 : static_cast<int>(impl_->attention[0].size(1)); }
int AttentionSet::gridRows() const { return static_cast<int>(impl_->layout.gridRows); }
int AttentionSet::gridCols() const { return static_cast<int>(impl_->layout.gridCols); }
int AttentionSet::prefixTokens() const { return static_cast<int>(impl_->layout.prefixTokens); }
bool AttentionSet::hasClassToken() const { return impl_->layout.classToken && impl_->layout.prefixTokens > 0; }
const std::vector<std::string>& AttentionSet::prefixTokenNames() const { return impl_->prefixNames; }

namespace {

cv::Mat toMat(const at::Tensor& map) {
  const at::Tensor cpu = map.to(at::kCPU, at::kFloat).contiguous();  // (rows, cols)
  return cv::Mat(static_cast<int>(cpu.size(0)), static_cast<int>(cpu.size(1)), CV_32F, cpu.data_ptr<float>()).clone();
}

// The k most likely classes of a (classes) probability vector, best first.
std::vector<ClassScore> topScores(const at::Tensor& probabilities, int topk, const ModelMeta& meta) {
  const at::Tensor probs = probabilities.to(at::kCPU, at::kFloat).contiguous();
  const int64_t k = std::max<int64_t>(1, std::min<int64_t>(topk, probs.numel()));
  const at::Tensor indices = std::get<1>(probs.topk(k)).to(at::kLong).contiguous();
  std::vector<ClassScore> top;
  for (int64_t i = 0; i < k; ++i) {
    const int64_t index = indices[i].item<int64_t>();
    top.push_back({index, meta.label(index), probs[index].item<float>()});
  }
  return top;
}

}  // namespace

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
    queryToken = layout.prefixTokens + queryPatch;
  }
  return queryToken;
}

cv::Mat AttentionSet::map(int layer, const HeadSelection& heads, int queryPatch) const {
  const TokenLayout& layout = impl_->layout;
  return toMat(attentionMap(impl_->attention, layer, heads, queryTokenOf(layout, queryPatch), layout));
}

std::vector<float> AttentionSet::prefixAttention(int layer, const HeadSelection& heads, int queryPatch) const {
  const TokenLayout& layout = impl_->layout;
  const at::Tensor values =
      vitlens::prefixAttention(impl_->attention, layer, heads, queryTokenOf(layout, queryPatch), layout);
  const float* data = values.data_ptr<float>();
  return std::vector<float>(data, data + values.numel());
}

cv::Mat AttentionSet::rollout(HeadReduce fusion, double discardRatio) const {
  return toMat(attentionRollout(impl_->attention, fusion, discardRatio, impl_->layout));
}

std::vector<std::vector<double>> AttentionSet::meanDistances() const {
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

struct Engine::Impl {
  LoadedModel loaded;
  ComputeDtype dtype = ComputeDtype::Float32;
  std::string deviceName;
  std::string source;
};

Engine::Engine(const std::string& modelPath, DeviceChoice device, const ModelLoadOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->deviceName = resolveDevice(device);
  const c10::Device torchDevice(impl_->deviceName == "cuda" ? c10::DeviceType::CUDA : c10::DeviceType::CPU);
  impl_->loaded = loadAnyModel(modelPath, torchDevice, options);
  impl_->source = modelPath.empty() ? defaultModelName() : modelPath;
  if (impl_->loaded.meta.config.channels != 3) {
    throw std::runtime_error(impl_->source + ": the model takes " + std::to_string(impl_->loaded.meta.config.channels) +
                             "-channel input; vitlens feeds it RGB images (3 channels)");
  }
  try {
    impl_->dtype = resolveComputeDtype(options.dtype, impl_->deviceName, impl_->loaded.meta.config.embedDim);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(e.what());
  }
  impl_->loaded.model->setLinearDtype(impl_->dtype);
}

Engine::~Engine() = default;

const ModelMeta& Engine::meta() const { return impl_->loaded.meta; }
const std::string& Engine::source() const { return impl_->source; }
const std::vector<std::string>& Engine::notes() const { return impl_->loaded.notes; }
std::string Engine::dtype() const { return computeDtypeName(impl_->dtype); }
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
int64_t Engine::parameterCount() const { return impl_->loaded.model->parameterCount(); }

ImageAnalysis Engine::analyse(const cv::Mat& rgb, int topk, bool captureAttention) {
  const ModelMeta& meta = impl_->loaded.meta;
  requireMemoryForPass(meta.config, 1, captureAttention ? PassKind::InferenceCaptured : PassKind::Inference,
                       impl_->source);
  const PreparedImage prepared = preprocessImage(rgb, preprocessSpecFor(meta));

  at::NoGradGuard noGrad;
  VisionTransformer& model = impl_->loaded.model;
  const c10::Device device = model->pos_embed.device();
  const at::Tensor input = toInputTensor(prepared).to(device);  // (1, 3, H, W), float32: see setLinearDtype

  const auto start = std::chrono::steady_clock::now();
  VitOutput output = model->forward(input, captureAttention);
  // Copying to the CPU waits for the device, so the time covers the whole forward pass on CUDA as well.
  const at::Tensor probabilities = output.logits.defined()
                                       ? at::softmax(output.logits.to(at::kFloat), -1)[0].to(at::kCPU).contiguous()
                                       : at::empty({0}, at::kFloat);  // no head: no classes
  const auto stop = std::chrono::steady_clock::now();
  // Finite weights can still overflow (a float16 model, an extreme image): NaN must not pass for a probability.
  // A NaN anywhere reaches the logits (and the last layer's attention), so those are all that is checked.
  const bool finite = at::isfinite(probabilities).all().item<bool>() &&
                      (output.attention.empty() || at::isfinite(output.attention.back()).all().item<bool>());
  if (!finite) {
    throw std::runtime_error(impl_->source +
                             ": the model produced NaN or infinite values for this image; no result to show");
  }

  ImageAnalysis result;
  result.sourceCrop = prepared.sourceCrop;
  Classification& classification = result.classification;
  classification.device = impl_->deviceName;
  classification.dtype = computeDtypeName(impl_->dtype);
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

  if (captureAttention) {
    auto impl = std::make_unique<AttentionSet::Impl>();
    for (const at::Tensor& layer : output.attention) impl->attention.push_back(layer.to(at::kCPU, at::kFloat));
    const VitConfig& config = meta.config;
    impl->layout = TokenLayout{config.numPrefixTokens(), config.gridHeight(), config.gridWidth(), config.classToken};
    if (config.classToken) impl->prefixNames.push_back("class");
    if (config.distillToken) impl->prefixNames.push_back("distillation");
    for (int64_t i = 1; i <= config.regTokens; ++i) impl->prefixNames.push_back("register " + std::to_string(i));
    impl->patchPixels = meta.config.patchSize;
    result.attention = std::make_shared<const AttentionSet>(std::move(impl));
  }
  return result;
}

Explanation Engine::explain(const cv::Mat& rgb, const MapRequest& request) {
  const ModelMeta& meta = impl_->loaded.meta;
  validateMapRequest(request, meta.config);
  const bool gradients = isClassSpecific(request.method) && request.method != MapMethod::Occlusion;
  requireMemoryForPass(meta.config, request.method == MapMethod::Occlusion ? 32 : 1,
                       gradients ? PassKind::Training : PassKind::InferenceCaptured, impl_->source);
  Explanation result;
  result.method = request.method;
  const ImageAnalysis analysis = analyse(rgb, 5, false);
  result.classification = analysis.classification;
  result.sourceCrop = analysis.sourceCrop;
  const std::vector<float>& probabilities = result.classification.probabilities;
  int64_t target = request.targetClass;
  if (target < 0) {
    target = result.classification.top.empty() ? -1 : result.classification.top.front().index;
  }
  if (target >= 0 && target < static_cast<int64_t>(probabilities.size())) {
    result.target = {target, meta.label(target), probabilities[static_cast<size_t>(target)]};
  }

  const PreparedImage prepared = preprocessImage(rgb, preprocessSpecFor(meta));
  VisionTransformer& model = impl_->loaded.model;
  const at::Tensor input = toInputTensor(prepared).to(model->pos_embed.device());  // (1, 3, H, W)
  const auto start = std::chrono::steady_clock::now();
  const at::Tensor map = explanationMap(model, input, request, std::max<int64_t>(target, 0));
  result.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!at::isfinite(map).all().item<bool>()) {
    throw std::runtime_error(impl_->source + ": the " + mapMethodName(request.method) +
                             " map has NaN or infinite values for this image");
  }
  result.map = toMat(map);
  return result;
}

Faithfulness Engine::faithfulness(const cv::Mat& rgb, int64_t label, const MapRequest& request,
                                  const std::vector<double>& steps) {
  const ModelMeta& meta = impl_->loaded.meta;
  validateMapRequest(request, meta.config);
  requireMemoryForPass(meta.config, std::max<int64_t>(32, static_cast<int64_t>(steps.size()) + 1), PassKind::Training,
                       impl_->source);
  const PreparedImage prepared = preprocessImage(rgb, preprocessSpecFor(meta));
  VisionTransformer& model = impl_->loaded.model;
  const at::Tensor input = toInputTensor(prepared).to(model->pos_embed.device());  // (1, 3, H, W)
  const auto start = std::chrono::steady_clock::now();
  int64_t predicted = 0;
  {
    at::NoGradGuard noGrad;
    predicted = model->forward(input).logits[0].argmax().item<int64_t>();
  }
  const int64_t target = request.targetClass >= 0 ? request.targetClass : predicted;
  const at::Tensor map = explanationMap(model, input, request, target);
  const PerturbationCurves curves = label >= 0 ? perturbationCurves(model, input, map, label, steps)
                                               : perturbationCurves(model, input, map, target, steps, target);
  Faithfulness result;
  result.x = curves.x;
  result.positive = curves.positive;
  result.negative = curves.negative;
  result.deletion = curves.deletion;
  result.insertion = curves.insertion;
  result.predicted = predicted;
  result.tracked = label >= 0 ? label : target;
  result.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

Classification Engine::classify(const cv::Mat& rgb, int topk, Interventions interventions) {
  const ModelMeta& meta = impl_->loaded.meta;
  validateInterventions(interventions, meta.config);
  requireMemoryForPass(meta.config, 1, PassKind::Inference, impl_->source);
  if (!meta.config.hasHead()) throw std::invalid_argument("this model has no classifier head: nothing to classify");
  const PreparedImage prepared = preprocessImage(rgb, preprocessSpecFor(meta));
  at::NoGradGuard noGrad;
  VisionTransformer& model = impl_->loaded.model;
  const at::Tensor input = toInputTensor(prepared).to(model->pos_embed.device());  // (1, 3, H, W)
  const auto start = std::chrono::steady_clock::now();
  const at::Tensor probabilities =
      at::softmax(model->forward(input, false, interventions).logits.to(at::kFloat), -1)[0].to(at::kCPU).contiguous();
  Classification result;
  result.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (!at::isfinite(probabilities).all().item<bool>()) {
    throw std::runtime_error(impl_->source + ": the model produced NaN or infinite values for this image");
  }
  result.device = impl_->deviceName;
  result.dtype = computeDtypeName(impl_->dtype);
  const float* probs = probabilities.data_ptr<float>();
  result.probabilities.assign(probs, probs + probabilities.numel());
  result.top = topScores(probabilities, topk, meta);
  return result;
}

std::vector<LensLayer> Engine::logitLens(const cv::Mat& rgb, int topk, Interventions interventions) {
  const ModelMeta& meta = impl_->loaded.meta;
  validateInterventions(interventions, meta.config);
  if (!meta.config.hasHead()) throw std::invalid_argument("this model has no classifier head: no logits to read");
  requireMemoryForPass(meta.config, 1, PassKind::InferenceCaptured, impl_->source);
  const PreparedImage prepared = preprocessImage(rgb, preprocessSpecFor(meta));
  at::NoGradGuard noGrad;
  VisionTransformer& model = impl_->loaded.model;
  const at::Tensor input = toInputTensor(prepared).to(model->pos_embed.device());
  std::vector<LensLayer> layers;
  int index = 0;
  for (const at::Tensor& logits : model->logitLens(input, interventions)) {
    layers.push_back({index++, topScores(at::softmax(logits.to(at::kFloat), -1)[0], topk, meta)});
  }
  return layers;
}

TokenNorms Engine::tokenNorms(const cv::Mat& rgb, int layer, Interventions interventions) {
  const ModelMeta& meta = impl_->loaded.meta;
  const VitConfig& config = meta.config;
  validateInterventions(interventions, config);
  if (layer >= config.depth) {
    throw std::invalid_argument("--layer " + std::to_string(layer) + " is out of range: the model has " +
                                std::to_string(config.depth) + " layers (0.." + std::to_string(config.depth - 1) + ")");
  }
  const int resolved = layer < 0 ? static_cast<int>(config.depth) - 1 : layer;
  requireMemoryForPass(config, 1, PassKind::InferenceCaptured, impl_->source);
  const PreparedImage prepared = preprocessImage(rgb, preprocessSpecFor(meta));
  at::NoGradGuard noGrad;
  VisionTransformer& model = impl_->loaded.model;
  const at::Tensor input = toInputTensor(prepared).to(model->pos_embed.device());
  std::vector<at::Tensor> outputs;  // L x (1, N', D)
  const at::Tensor embedded = model->dropPatchTokens(model->embedTokens(input), interventions.droppedPatches);
  model->forwardFeatures(embedded, nullptr, &interventions, &outputs);
  const at::Tensor norms =
      outputs.at(static_cast<size_t>(resolved))[0].to(at::kFloat).norm(2, -1).to(at::kCPU);  // (N')
  TokenNorms result;
  result.layer = resolved;
  const int64_t prefix = config.numPrefixTokens();
  std::vector<std::string> names;
  if (config.classToken) names.push_back("class");
  if (config.distillToken) names.push_back("distillation");
  for (int64_t i = 1; i <= config.regTokens; ++i) names.push_back("register " + std::to_string(i));
  for (int64_t i = 0; i < prefix && i < static_cast<int64_t>(names.size()); ++i) {
    result.prefix.emplace_back(names[static_cast<size_t>(i)], norms[i].item<float>());
  }
  // Kept patches back onto the full grid; dropped ones are NaN.
  result.patches = cv::Mat(static_cast<int>(config.gridHeight()), static_cast<int>(config.gridWidth()), CV_32F,
                           cv::Scalar(std::numeric_limits<float>::quiet_NaN()));
  std::vector<bool> dropped(static_cast<size_t>(config.numPatches()), false);
  for (int p : interventions.droppedPatches) dropped[static_cast<size_t>(p)] = true;
  int64_t token = prefix;
  for (int64_t p = 0; p < config.numPatches(); ++p) {
    if (dropped[static_cast<size_t>(p)]) continue;
    result.patches.at<float>(static_cast<int>(p / config.gridWidth()), static_cast<int>(p % config.gridWidth())) =
        norms[token++].item<float>();
  }
  return result;
}

AblationScan Engine::ablateScan(const cv::Mat& rgb, int targetClass, int batch) {
  const ModelMeta& meta = impl_->loaded.meta;
  const VitConfig& config = meta.config;
  if (!config.hasHead()) throw std::invalid_argument("this model has no classifier head: no probability to change");
  if (targetClass >= config.numClasses) throw std::invalid_argument("class out of range");
  batch = std::max(1, batch);
  requireMemoryForPass(config, batch, PassKind::Inference, impl_->source);
  const PreparedImage prepared = preprocessImage(rgb, preprocessSpecFor(meta));
  at::NoGradGuard noGrad;
  VisionTransformer& model = impl_->loaded.model;
  const at::Tensor input = toInputTensor(prepared).to(model->pos_embed.device());  // (1, 3, H, W)
  const auto start = std::chrono::steady_clock::now();
  const at::Tensor plain = at::softmax(model->forward(input).logits.to(at::kFloat), -1)[0].to(at::kCPU);
  const int64_t target = targetClass >= 0 ? targetClass : plain.argmax().item<int64_t>();
  AblationScan scan;
  scan.target = {target, meta.label(target), plain[target].item<float>()};
  const int64_t heads = config.numHeads;
  const int64_t total = config.depth * heads;
  scan.delta = cv::Mat(static_cast<int>(config.depth), static_cast<int>(heads), CV_32F, cv::Scalar(0));
  for (int64_t first = 0; first < total; first += batch) {
    const int64_t count = std::min<int64_t>(batch, total - first);
    // Image i of the batch ablates head (first + i): one (count, heads) mask per layer, ones elsewhere.
    std::vector<at::Tensor> masks(static_cast<size_t>(config.depth));
    for (int64_t i = 0; i < count; ++i) {
      const int64_t layer = (first + i) / heads;
      at::Tensor& mask = masks[static_cast<size_t>(layer)];
      if (!mask.defined()) mask = at::ones({count, heads}, input.options().dtype(at::kFloat));
      mask[i][(first + i) % heads] = 0.0;
    }
    const at::Tensor probabilities =
        at::softmax(model->forwardWithHeadMasks(input.expand({count, -1, -1, -1}), masks).to(at::kFloat), -1)
            .select(1, target)
            .to(at::kCPU)
            .contiguous();  // (count)
    for (int64_t i = 0; i < count; ++i) {
      scan.delta.at<float>(static_cast<int>((first + i) / heads), static_cast<int>((first + i) % heads)) =
          probabilities[i].item<float>() - scan.target.probability;
    }
  }
  scan.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return scan;
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
