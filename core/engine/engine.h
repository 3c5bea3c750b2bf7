#pragma once
// The torch-free face of the model for the CLI and the GUI: load a model file, analyse an image, and query
// the captured attention as small float maps. No torch header is reachable from here.
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analysis/head_selection.h"
#include "analysis/map_request.h"
#include "engine/folder_evaluation.h"
#include "imaging/preprocess.h"
#include "model/interventions.h"
#include "model/model_load_options.h"
#include "model/model_meta.h"
#include "model/runtime.h"

namespace vitlens {

struct QueryTrace;  // model/query_trace.h

struct ClassScore {
  int64_t index = 0;
  std::string label;
  float probability = 0.0f;
};

struct Classification {
  std::vector<ClassScore> top;       // best first; empty for a model without a classifier head
  std::vector<float> probabilities;  // softmax over all classes
  std::string device;                // "cpu" or "cuda"
  std::string dtype = "float32";     // the model's compute dtype
  double milliseconds = 0.0;         // forward pass and softmax, synchronised on CUDA
};

// The attention an image produced, kept (on the device it ran on, in its compute dtype) so re-querying needs no new
// forward pass; each query brings only its result to the host.
class AttentionSet {
 public:
  struct Impl;
  explicit AttentionSet(std::unique_ptr<Impl> impl);
  ~AttentionSet();

  int layers() const;  // the model's depth, captured or not
  int heads() const;
  // False for a layer the pass left out (Engine::analyse's captureLayers); map() and prefixAttention() of it,
  // rollout() and meanDistances() with any left out, throw std::invalid_argument.
  bool captured(int layer) const;
  int gridRows() const;
  int gridCols() const;
  int prefixTokens() const;
  bool hasClassToken() const;
  // Patches dropped from the pass this attention came from (row-major, ascending); their cells are NaN in maps.
  std::vector<int> droppedPatches() const;
  // "class", "distillation", "register 1", ...: what each prefix token is, in sequence order.
  const std::vector<std::string>& prefixTokenNames() const;

  // Raw attention of one layer, CV_32F gridRows x gridCols. queryPatch < 0 means the class token, otherwise a
  // patch index (row-major). Throws std::out_of_range for bad indices, std::invalid_argument when the model has
  // no class token and the class token is asked for, or the query patch was dropped.
  cv::Mat map(int layer, const HeadSelection& heads, int queryPatch = -1) const;
  // What the same query pays to each prefix token (the part of its attention the map leaves out).
  std::vector<float> prefixAttention(int layer, const HeadSelection& heads, int queryPatch = -1) const;
  // Attention rollout from the class token, CV_32F gridRows x gridCols.
  cv::Mat rollout(HeadReduce fusion, double discardRatio) const;
  // Mean attention distance in input pixels, [layer][head] (see analysis/attention_distance.h).
  std::vector<std::vector<double>> meanDistances() const;

 private:
  std::unique_ptr<Impl> impl_;
};

struct ImageAnalysis {
  Classification classification;
  cv::Rect2d sourceCrop;                          // region of the source image the model saw
  std::shared_ptr<const AttentionSet> attention;  // null unless captured
};

// One class-specific explanation (or a raw / rollout / random map read the same way): analysis/explanation.h.
struct Explanation {
  cv::Mat map;  // CV_32F gridRows x gridCols, raw values
  MapMethod method = MapMethod::Gae;
  ClassScore target;              // the class explained: the one asked for, or the top class
  Classification classification;  // of the image, with the explanation's interventions applied
  // tokens: the prefix tokens' norms ("class", "register 1", ...), which the patch map leaves out.
  std::vector<std::pair<std::string, float>> prefix;
  cv::Rect2d sourceCrop;      // region of the source image the model saw
  double milliseconds = 0.0;  // the explanation alone: forward + backward, or the occlusion passes
};

// Perturbation curves of one map on one image (analysis/faithfulness.h): x = 0, then the steps.
struct Faithfulness {
  std::vector<double> x;
  std::vector<double> positive;   // top-1 correct after removing the most important patches
  std::vector<double> negative;   // ... the least important
  std::vector<double> deletion;   // p(predicted) after removing the most important
  std::vector<double> insertion;  // p(predicted) restoring the most important into a blurred copy
  int64_t predicted = -1;         // the unchanged image's top class
  int64_t tracked = -1;           // the class the positive/negative curves are scored against
  double milliseconds = 0.0;      // the map and the perturbed forward passes
};

// What the model would predict if its blocks stopped after `layer` (logit lens).
struct LensLayer {
  int layer = 0;
  std::vector<ClassScore> top;
};

// The L2 norm of every token of one layer's output (before the final norm).
struct TokenNorms {
  int layer = 0;
  cv::Mat patches;                                    // CV_32F grid rows x cols; NaN for dropped patches
  std::vector<std::pair<std::string, float>> prefix;  // "class", "distillation", "register 1", ...
};

// Every head ablated alone: the change in one class's probability.
struct AblationScan {
  ClassScore target;          // the class and its probability with nothing ablated
  cv::Mat delta;              // CV_32F layers x heads: p(class | head ablated) - p(class)
  double milliseconds = 0.0;  // all layers x heads passes, batched
};

// The prediction and the logit lens of one changed pass (the window's experiments).
struct Experiment {
  Classification classification;                  // with the change
  std::vector<LensLayer> lens;                    // the top class after each layer, with the change
  std::shared_ptr<const AttentionSet> attention;  // the changed pass's attention, when asked for
};

class Engine {
 public:
  // modelPath: a vitlens file, a timm or Hugging Face checkpoint (file, config.json or folder); empty loads the
  // built-in model. Throws SafetensorsError / std::runtime_error for bad files, std::runtime_error when CUDA is
  // requested and absent.
  Engine(const std::string& modelPath, DeviceChoice device, const ModelLoadOptions& options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const ModelMeta& meta() const;
  const std::string& source() const;  // the model file, or the built-in model's name
  // What loading assumed or changed (heads guessed, position embeddings interpolated, labels), one sentence each.
  const std::vector<std::string>& notes() const;
  std::string device() const;  // "cpu" or "cuda"; "cpu" again after CUDA ran out of memory (setNoticeHandler)
  // Called, on the thread doing the work, when something changed under the caller: CUDA ran out of memory and the
  // model moved to the CPU, where the work was redone (one sentence, also added to notes()).
  void setNoticeHandler(std::function<void(const std::string&)> handler);
  std::string dtype() const;  // what the model computes in: "float32", "bfloat16", "float16" or "int8" (auto resolved)
  ComputeDtype computeDtype() const;
  std::string dtypeReason() const;  // one sentence: why this dtype (computeDtypeReason)
  int64_t parameterCount() const;

  // rgb: CV_8UC3 as from decodeImageFile. With interventions (validated here: std::invalid_argument), the
  // classification and the captured attention are those of the changed model; its attention then covers the
  // kept patches, and the maps read from it are NaN at the dropped ones.
  // captureLayers: the layers whose attention is kept (empty: all); a view of one layer needs one.
  ImageAnalysis analyse(const cv::Mat& rgb, int topk, bool captureAttention, Interventions interventions = {},
                        const std::vector<int>& captureLayers = {});

  // The map `request` describes for class request.targetClass (-1: the top class) of this image, of the model
  // with `interventions` applied (dropped patches NaN in the map). Throws std::invalid_argument for a request the
  // model cannot answer (validateMapRequest's wording) and for bad interventions.
  Explanation explain(const cv::Mat& rgb, const MapRequest& request, Interventions interventions = {});
  // The map `request` describes (class request.targetClass, -1: the top class) and its perturbation curves
  // against `label`. label -1 (an image without one): the class the map explains, whose probability deletion and
  // insertion then follow too; with a label they follow the predicted class (the README's definition).
  Faithfulness faithfulness(const cv::Mat& rgb, int64_t label, const MapRequest& request,
                            const std::vector<double>& steps);
  // Classification with heads ablated and patches dropped (model/interventions.h; validated here, so bad specs
  // throw std::invalid_argument).
  Classification classify(const cv::Mat& rgb, int topk, Interventions interventions);
  // Per layer, the top classes of the logit lens.
  std::vector<LensLayer> logitLens(const cv::Mat& rgb, int topk, Interventions interventions = {});
  // classify and logitLens (top 1 per layer), and with captureAttention the attention, from one forward pass.
  Experiment experiment(const cv::Mat& rgb, int topk, Interventions interventions = {}, bool captureAttention = false);
  // layer -1: the last. std::invalid_argument for a layer beyond the model.
  TokenNorms tokenNorms(const cv::Mat& rgb, int layer, Interventions interventions = {});
  // One query's attention at one layer and head worked out step by step (model/query_trace.h): the query patch's
  // embedding, its scaled dot products with every key and their softmax. queryPatch -1: the class token.
  // std::invalid_argument / std::out_of_range for a layer, head or patch the model does not have.
  QueryTrace queryTrace(const cv::Mat& rgb, int layer, int head, int queryPatch);
  // targetClass -1: the top class. Batched: `batch` ablated copies per forward pass.
  AblationScan ablateScan(const cv::Mat& rgb, int targetClass, int batch = 16);
  // A folder through the model in batches (options.labelled: ROOT/<class>/<image>, classes = the model's labels;
  // otherwise every image under ROOT), every image's top classes kept; unreadable images are recorded and skipped.
  // progress, when given, is called after each batch and may stop the run. Throws DatasetError /
  // std::runtime_error for an unusable folder (no classes, a class that is not a label) or a model without a head.
  FolderEvaluation evaluateFolder(const std::string& dir, const FolderOptions& options,
                                  const FolderProgress& progress = {});
  // "top" -> -1; a class index; or a label name (exact, then case-insensitive). std::invalid_argument otherwise.
  int parseClass(const std::string& text) const;

  // Patch-embedding filters (or their principal components) as a montage, CV_8UC3 RGB.
  cv::Mat filterMontage(bool principalComponents, int scale) const;
  // Cosine similarity of the patches' position embeddings, CV_32F patches x patches (row-major patch order).
  cv::Mat positionSimilarity() const;

  struct Impl;  // engine/engine_impl.h, for core/engine's own files

 private:
  std::unique_ptr<Impl> impl_;
};

// Writes a randomly initialised (untrained) model with this metadata (provenance "trained" = "no" added): the
// starting point for training and a real file for trying the tools. dtype: "float32", "float16" or "bfloat16".
// Returns the parameter count.
bool hasBuiltInModel();
// How a model wants its input prepared (size, normalisation, crop), from its metadata.
PreprocessSpec preprocessSpecFor(const ModelMeta& meta);
int64_t writeUntrainedModel(const std::string& path, const ModelMeta& meta, uint64_t seed, const std::string& dtype);

// Writes any model loadAnyModel opens (timm, Hugging Face, vitlens) as one vitlens file, atomically.
struct ConvertedModel {
  std::string summary;             // one line: name, config, parameters, dtype
  std::vector<std::string> notes;  // what loading assumed
};
ConvertedModel convertModel(const std::string& from, const std::string& to, const ModelLoadOptions& options,
                            const std::string& dtype);

}  // namespace vitlens
