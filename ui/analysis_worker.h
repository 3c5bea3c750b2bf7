#pragma once
// Runs the model off the GUI thread. One worker thread owns the Engine (it is not thread-safe), jobs run in order,
// and an image request that a newer one has superseded is dropped before it runs, so the window never waits
// and never shows a stale result.
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QVector>

#include <QByteArray>

#include <atomic>
#include <functional>
#include <memory>
#include <opencv2/core/mat.hpp>
#include <optional>
#include <vector>

#include "analysis/attention_set_maps.h"
#include "engine/engine.h"
#include "model/query_trace.h"

namespace vitlens::ui {

// What the window needs to know about a loaded model, copied out so the GUI thread never touches the Engine.
struct ModelInfo {
  ModelMeta meta;
  QString source;         // file path or the built-in model's name
  QString requestedPath;  // what loadModel was given (empty: the built-in model)
  DeviceChoice deviceChoice = DeviceChoice::Auto;
  ModelLoadOptions options;  // input size, heads, labels it was loaded with
  QStringList notes;         // what loading assumed or changed (Engine::notes)
  QString device;            // "cpu" or "cuda"
  QString dtype;             // what it computes in, auto resolved (Engine::dtype)
  QString dtypeReason;       // why (Engine::dtypeReason)
  qint64 parameters = 0;
  cv::Mat filters;             // patch-embedding filters as RGB tiles
  cv::Mat filterComponents;    // their top principal components
  cv::Mat positionSimilarity;  // CV_32F patches x patches
  double loadMilliseconds = 0.0;
};

// About a 2560 x 1600 screen: the largest image the window draws an overlay on at every settings change.
constexpr int kMaxViewPixels = 2560 * 1600;

// rgb itself when it has at most kMaxViewPixels, else a copy reduced (area-averaged) to about that many.
cv::Mat reducedForView(const cv::Mat& rgb);

struct AnalysisResult {
  quint64 request = 0;
  QString imageName;
  QString path;  // the file it came from; empty for pasted or built-in images
  cv::Mat rgb;   // the analysed image, CV_8UC3
  // What the window draws on screen: rgb itself, or for a photo larger than kMaxViewPixels a copy reduced to
  // about that many pixels (no screen shows more, and drawing the overlay costs time per pixel on every change).
  cv::Mat viewRgb;
  ImageAnalysis analysis;
  std::vector<std::vector<double>> meanDistances;  // [layer][head], input pixels; computed on the worker
  double totalMilliseconds = 0.0;                  // preprocessing, forward pass and attention copy
};

// The map for one MapRequest, computed on the worker from an image's cached attention, and the raw maps of every
// layer x head from the tiles' query when asked. The window only draws them.
struct MapResult {
  quint64 token = 0;
  MapRequest request;
  cv::Mat map;                                   // CV_32F grid rows x cols
  int layer = 0;                                 // the layer a raw request resolved to
  QString prefixSummary;                         // the query's attention to the prefix tokens, or empty
  QVector<QPair<QString, double>> prefixValues;  // token norms: the prefix tokens' norms, by name
  // Class-specific methods: the class explained (the one asked for, or the top one) and what it cost.
  int targetClass = -1;
  QString targetLabel;
  double targetProbability = 0.0;
  double milliseconds = 0.0;
  bool hasTiles = false;
  int tileQuery = -1;             // the query the tile maps were taken from
  std::vector<cv::Mat> tileMaps;  // layers x heads, row-major: layer 0's heads first
};

// One method's perturbation curves on one image.
struct MethodFaithfulness {
  MapMethod method = MapMethod::Gae;
  Faithfulness curves;
};

// Faithfulness of one or more maps of the shown image (Engine::faithfulness, against its predicted class).
struct FaithfulnessResult {
  quint64 token = 0;
  bool comparison = false;  // every method (the table) rather than the current one and the random baseline
  std::vector<MethodFaithfulness> methods;
};

// The prediction with heads ablated or patches dropped, and the logit lens, for the shown image.
struct ExperimentResult {
  quint64 token = 0;
  Interventions change;
  Classification classification;  // with the change
  std::vector<LensLayer> lens;    // with the change
  // The changed model's attention (null when nothing is changed): the maps shown while the change lasts.
  std::shared_ptr<const AttentionSet> attention;
};

// Every head ablated alone (Engine::ablateScan): the heads grid's importance view.
struct HeadScanResult {
  quint64 token = 0;
  AblationScan scan;
};

// One query's attention worked out step by step (Engine::queryTrace): the tour's q·kᵀ/√d table.
struct QueryTraceResult {
  quint64 token = 0;
  QueryTrace trace;
};

// A whole folder through the model (Engine::evaluateFolder): shared, since the window's views all read it.
struct FolderResult {
  QString folder;
  std::shared_ptr<const FolderEvaluation> evaluation;
};

class AnalysisWorker : public QObject {
  Q_OBJECT

 public:
  explicit AnalysisWorker(QObject* parent = nullptr);
  ~AnalysisWorker() override;

  // Loads a model in the background (empty path: the built-in model). On failure the current model stays.
  void loadModel(const QString& path, DeviceChoice device, const ModelLoadOptions& options = {});
  // Queue an image (decoded on the worker thread too); each returns its request number. Requests that a newer one
  // superseded before they started are skipped; results that a newer request overtook are dropped.
  quint64 analyse(const cv::Mat& rgb, const QString& imageName, const QString& path = {});
  quint64 analyseFile(const QString& path);
  quint64 analyseBytes(const QByteArray& bytes, const QString& imageName);
  // Queue the map for `request` (and, with tilesQuery set, every head's map from that query) from this
  // attention; methods that need the model (explanations: a backward pass, or occlusion's forward passes) run
  // it on rgb, the image the attention came from. A newer map request supersedes an older one still waiting.
  // Returns its token.
  // `change`: the heads ablated and patches dropped that `attention` came from, which the methods that run the
  // model apply too.
  quint64 computeMap(std::shared_ptr<const AttentionSet> attention, const cv::Mat& rgb, const MapRequest& request,
                     std::optional<int> tilesQuery, const Interventions& change = {});
  // Perturbation curves of each request's map on rgb (the shown image), in order; comparison marks a request for
  // every method. A newer request of the same kind supersedes an older one still waiting. Returns its token.
  quint64 measureFaithfulness(const cv::Mat& rgb, const std::vector<MapRequest>& requests, bool comparison);
  // The prediction and the logit lens of rgb with `change` applied; a newer request supersedes an older one
  // still waiting (repeated toggles coalesce). Returns its token.
  quint64 runExperiment(const cv::Mat& rgb, const Interventions& change);
  // Every head ablated alone on rgb, batched: the change in the top class's probability. Newest wins.
  quint64 scanHeads(const cv::Mat& rgb);
  // One query's scores and weights at one layer and head of rgb (the tour). Newest wins.
  quint64 traceQuery(const cv::Mat& rgb, int layer, int head, int queryPatch);
  // Evaluates ROOT/<class>/<image> in batches, announcing progress after each; cancelFolder() stops it after the
  // batch in flight (folderReady then carries what ran, marked cancelled).
  void evaluateFolder(const QString& folder);
  void cancelFolder() { cancelFolder_ = true; }
  // How many map jobs have been queued: the window's tensor work, counted so tests can tell that a change of
  // colours or opacity made none.
  quint64 mapJobs() const { return mapJobs_; }

  bool hasModel() const { return hasModel_; }
  bool busy() const { return pending_ > 0; }
  // Blocks until every queued job has run and its result has been delivered (tests, screenshot mode).
  void waitForIdle();

 Q_SIGNALS:
  void modelLoaded(const vitlens::ui::ModelInfo& info);
  void modelFailed(const QString& message);
  // The loaded model moved (CUDA ran out of memory: it now runs on the CPU, in `dtype`); message says so.
  void deviceChanged(const QString& message, const QString& device, const QString& dtype, const QString& dtypeReason);
  void analysisReady(const vitlens::ui::AnalysisResult& result);
  void analysisFailed(const QString& imageName, const QString& message);
  void mapReady(const vitlens::ui::MapResult& result);
  void mapFailed(const QString& message);
  void faithfulnessReady(const vitlens::ui::FaithfulnessResult& result);
  void experimentReady(const vitlens::ui::ExperimentResult& result);
  void experimentFailed(const QString& message);
  void headScanReady(const vitlens::ui::HeadScanResult& result);
  void queryTraceReady(const vitlens::ui::QueryTraceResult& result);
  void queryTraceFailed(const QString& message);
  void folderProgress(qint64 done, qint64 total);
  void folderReady(const vitlens::ui::FolderResult& result);
  void folderFailed(const QString& message);
  void headScanFailed(const QString& message);
  void faithfulnessFailed(const QString& message);
  void busyChanged(bool busy);

 private:
  quint64 queue(std::function<cv::Mat()> decode, const QString& imageName, const QString& path);
  // Runs `work` on the pool thread unless a newer job of the same kind (`latest`) was queued before it started,
  // and announces the result (ready / failed) unless a newer one overtook it. Returns the job's token.
  template <typename Result>
  quint64 runNewest(std::atomic<quint64>& latest, std::function<void(Result&)> work,
                    void (AnalysisWorker::*ready)(const Result&), void (AnalysisWorker::*failed)(const QString&));
  void started();
  void finished();

  QThreadPool pool_;                // one thread: jobs run in order on it
  std::shared_ptr<Engine> engine_;  // touched only on the pool thread once set
  std::atomic<quint64> latestRequest_{0};
  std::atomic<quint64> latestMap_{0};
  std::atomic<quint64> latestFaithfulness_[2] = {0, 0};  // curves, comparison: one does not supersede the other
  std::atomic<quint64> latestExperiment_{0};
  std::atomic<quint64> latestHeadScan_{0};
  std::atomic<quint64> latestTrace_{0};
  std::atomic<quint64> latestFolder_{0};
  std::atomic<bool> cancelFolder_{false};
  quint64 mapJobs_ = 0;    // GUI thread only
  int pending_ = 0;        // GUI thread only
  bool hasModel_ = false;  // GUI thread only
};

}  // namespace vitlens::ui

Q_DECLARE_METATYPE(vitlens::ui::ModelInfo)
Q_DECLARE_METATYPE(vitlens::ui::AnalysisResult)
Q_DECLARE_METATYPE(vitlens::ui::MapResult)
Q_DECLARE_METATYPE(vitlens::ui::FaithfulnessResult)
Q_DECLARE_METATYPE(vitlens::ui::ExperimentResult)
Q_DECLARE_METATYPE(vitlens::ui::HeadScanResult)
Q_DECLARE_METATYPE(vitlens::ui::QueryTraceResult)
Q_DECLARE_METATYPE(vitlens::ui::FolderResult)
