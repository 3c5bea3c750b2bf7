#include "ui/analysis_worker.h"

#include <QThread>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>

#include <chrono>
#include <cmath>
#include <exception>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "engine/error_text.h"
#include "imaging/image_decode.h"
#include "model/runtime.h"

namespace vitlens::ui {
namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

cv::Mat reducedForView(const cv::Mat& rgb) {
  const double pixels = static_cast<double>(rgb.cols) * rgb.rows;
  if (pixels <= kMaxViewPixels) return rgb;
  const double scale = std::sqrt(kMaxViewPixels / pixels);
  cv::Mat view;
  cv::resize(rgb, view,
             cv::Size(std::max(1, static_cast<int>(std::lround(rgb.cols * scale))),
                      std::max(1, static_cast<int>(std::lround(rgb.rows * scale)))),
             0, 0, cv::INTER_AREA);
  return view;
}

AnalysisWorker::AnalysisWorker(QObject* parent) : QObject(parent) {
  pool_.setMaxThreadCount(1);
  pool_.setExpiryTimeout(-1);  // keep the thread: LibTorch and OpenBLAS keep per-thread state
  qRegisterMetaType<ModelInfo>();
  qRegisterMetaType<AnalysisResult>();
  qRegisterMetaType<MapResult>();
  qRegisterMetaType<FaithfulnessResult>();
  qRegisterMetaType<ExperimentResult>();
  qRegisterMetaType<HeadScanResult>();
  qRegisterMetaType<QueryTraceResult>();
  qRegisterMetaType<FolderResult>();
}

AnalysisWorker::~AnalysisWorker() {
  latestRequest_ = ~quint64{0};  // queued images are skipped
  pool_.waitForDone();
}

void AnalysisWorker::started() {
  if (pending_++ == 0) Q_EMIT busyChanged(true);
}

void AnalysisWorker::finished() {
  if (--pending_ == 0) Q_EMIT busyChanged(false);
}

void AnalysisWorker::loadModel(const QString& path, DeviceChoice device, const ModelLoadOptions& options) {
  started();
  QPointer<AnalysisWorker> self(this);
  pool_.start([this, self, path, device, options] {
    const auto start = std::chrono::steady_clock::now();
    std::shared_ptr<Engine> engine;
    ModelInfo info;
    QString error;
    try {
      engine = std::make_shared<Engine>(path.toStdString(), device, options);
      configureThreads(0, engine->meta().config.embedDim, engine->computeDtype());
      // CUDA ran out of memory later: the engine moved to the CPU and redid the work; the window is told.
      Engine* raw = engine.get();
      engine->setNoticeHandler([self, raw](const std::string& message) {
        configureThreads(0, raw->meta().config.embedDim, raw->computeDtype());
        const QString now = QString::fromStdString(raw->device());
        const QString dtype = QString::fromStdString(raw->dtype());
        const QString reason = QString::fromStdString(raw->dtypeReason());
        QMetaObject::invokeMethod(
            self,
            [self, text = QString::fromStdString(message), now, dtype, reason] {
              if (self) Q_EMIT self->deviceChanged(text, now, dtype, reason);
            },
            Qt::QueuedConnection);
      });
      info.meta = engine->meta();
      info.source = QString::fromStdString(engine->source());
      info.requestedPath = path;
      info.deviceChoice = device;
      info.options = options;
      info.parameters = engine->parameterCount();
      const int scale = std::max(2, static_cast<int>(48 / engine->meta().config.patchSize));
      info.filters = engine->filterMontage(false, scale);
      info.filterComponents = engine->filterMontage(true, scale);
      info.positionSimilarity = engine->positionSimilarity();
      // One throw-away forward pass, so the first image the user opens is not slowed by lazy initialisation; on
      // CUDA the engine's own warm-up at load already did it.
      if (engine->device() != "cuda") {
        engine->analyse(cv::Mat(engine->meta().config.imageHeight, engine->meta().config.imageWidth, CV_8UC3,
                                cv::Scalar(127, 127, 127)),
                        1, false);
      }
      // After that pass: it may have moved the model (CUDA out of memory), and the notes say so.
      for (const std::string& note : engine->notes()) info.notes << QString::fromStdString(note);
      info.device = QString::fromStdString(engine->device());
      info.dtype = QString::fromStdString(engine->dtype());
      info.dtypeReason = QString::fromStdString(engine->dtypeReason());
      info.loadMilliseconds = millisecondsSince(start);
      engine_ = engine;  // from now on only this thread uses it
    } catch (const std::exception& e) {
      error = QString::fromStdString(errorMessage(e));
    }
    if (!self) return;
    QMetaObject::invokeMethod(
        self,
        [this, info, error] {
          if (error.isEmpty()) {
            hasModel_ = true;
            Q_EMIT modelLoaded(info);
          } else {
            Q_EMIT modelFailed(error);
          }
          finished();
        },
        Qt::QueuedConnection);
  });
}

quint64 AnalysisWorker::analyse(const cv::Mat& rgb, const QString& imageName, const QString& path) {
  return queue([rgb] { return rgb; }, imageName, path);
}

quint64 AnalysisWorker::analyseFile(const QString& path) {
  const QFileInfo info(path);
  return queue([path] { return decodeImageFile(QFile::encodeName(path).toStdString()); }, info.fileName(), path);
}

quint64 AnalysisWorker::analyseBytes(const QByteArray& bytes, const QString& imageName) {
  return queue(
      [bytes, imageName] {
        return decodeImageBytes(reinterpret_cast<const uint8_t*>(bytes.constData()), static_cast<size_t>(bytes.size()),
                                imageName.toStdString());
      },
      imageName, QString());
}

quint64 AnalysisWorker::queue(std::function<cv::Mat()> decode, const QString& imageName, const QString& path) {
  const quint64 request = ++latestRequest_;
  started();
  QPointer<AnalysisWorker> self(this);
  pool_.start([this, self, decode, imageName, path, request] {
    AnalysisResult result;
    QString error;
    bool skipped = false;
    if (request != latestRequest_) {
      skipped = true;  // a newer image is queued behind this one
    } else {
      try {
        const auto start = std::chrono::steady_clock::now();
        result.rgb = decode();
        if (!engine_) throw std::runtime_error(tr("no model is loaded").toStdString());
        result.request = request;
        result.imageName = imageName;
        result.path = path;
        result.analysis = engine_->analyse(result.rgb, 5, true);
        if (result.analysis.attention) result.meanDistances = result.analysis.attention->meanDistances();
        result.viewRgb = reducedForView(result.rgb);
        result.totalMilliseconds = millisecondsSince(start);
      } catch (const std::exception& e) {
        error = QString::fromStdString(errorMessage(e));
      }
    }
    if (!self) return;
    QMetaObject::invokeMethod(
        self,
        [this, result, error, imageName, skipped, request] {
          // A result that a newer request overtook while it ran is dropped too.
          if (!skipped && request == latestRequest_) {
            if (error.isEmpty()) {
              Q_EMIT analysisReady(result);
            } else {
              Q_EMIT analysisFailed(imageName, error);
            }
          }
          finished();
        },
        Qt::QueuedConnection);
  });
  return request;
}

template <typename Result>
quint64 AnalysisWorker::runNewest(std::atomic<quint64>& latest, std::function<void(Result&)> work,
                                  void (AnalysisWorker::*ready)(const Result&),
                                  void (AnalysisWorker::*failed)(const QString&)) {
  const quint64 token = ++latest;
  started();
  QPointer<AnalysisWorker> self(this);
  pool_.start([this, self, work, ready, failed, token, &latest] {
    Result result;
    QString error;
    const bool skipped = token != latest;  // a newer job of this kind is queued behind this one
    if (!skipped) {
      try {
        work(result);
      } catch (const std::exception& e) {
        error = QString::fromStdString(errorMessage(e));
      }
    }
    if (!self) return;
    QMetaObject::invokeMethod(
        self,
        [this, result, error, skipped, token, ready, failed, &latest] {
          if (!skipped && token == latest) {
            if (error.isEmpty()) {
              Q_EMIT(this->*ready)(result);
            } else {
              Q_EMIT(this->*failed)(error);
            }
          }
          finished();
        },
        Qt::QueuedConnection);
  });
  return token;
}

quint64 AnalysisWorker::computeMap(std::shared_ptr<const AttentionSet> attention, const cv::Mat& rgb,
                                   const MapRequest& request, std::optional<int> tilesQuery,
                                   const Interventions& change) {
  ++mapJobs_;
  const quint64 token = latestMap_ + 1;  // the token runNewest gives this job
  return runNewest<MapResult>(
      latestMap_,
      [this, attention, rgb, request, tilesQuery, token, change](MapResult& result) {
        result.token = token;
        result.request = request;
        if (needsModel(request.method)) {
          if (!engine_) throw std::runtime_error(tr("no model is loaded").toStdString());
          const Explanation explanation = engine_->explain(rgb, request, change);
          result.map = explanation.map;
          for (const auto& [name, value] : explanation.prefix) {
            result.prefixValues.append(qMakePair(QString::fromStdString(name), static_cast<double>(value)));
          }
          result.targetClass = static_cast<int>(explanation.target.index);
          result.targetLabel = QString::fromStdString(explanation.target.label);
          result.targetProbability = explanation.target.probability;
          result.milliseconds = explanation.milliseconds;
        } else {
          result.map = vitlens::computeMap(*attention, request);
        }
        result.layer = resolvedLayer(*attention, request);
        result.prefixSummary = QString::fromStdString(describePrefixAttention(*attention, request));
        if (tilesQuery) {
          MapRequest tile;
          tile.queryPatch = *tilesQuery;
          result.hasTiles = true;
          result.tileQuery = *tilesQuery;
          for (int layer = 0; layer < attention->layers(); ++layer) {
            for (int head = 0; head < attention->heads(); ++head) {
              tile.layer = layer;
              tile.heads = HeadSelection{HeadReduce::Single, head};
              result.tileMaps.push_back(vitlens::computeMap(*attention, tile));
            }
          }
        }
      },
      &AnalysisWorker::mapReady, &AnalysisWorker::mapFailed);
}

quint64 AnalysisWorker::measureFaithfulness(const cv::Mat& rgb, const std::vector<MapRequest>& requests,
                                            bool comparison) {
  std::atomic<quint64>& latest = latestFaithfulness_[comparison ? 1 : 0];
  const quint64 token = latest + 1;
  return runNewest<FaithfulnessResult>(
      latest,
      [this, rgb, requests, comparison, token](FaithfulnessResult& result) {
        result.token = token;
        result.comparison = comparison;
        if (!engine_) throw std::runtime_error(tr("no model is loaded").toStdString());
        const std::vector<double> steps{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        for (const MapRequest& request : requests) {
          result.methods.push_back({request.method, engine_->faithfulness(rgb, -1, request, steps)});
        }
      },
      &AnalysisWorker::faithfulnessReady, &AnalysisWorker::faithfulnessFailed);
}

quint64 AnalysisWorker::runExperiment(const cv::Mat& rgb, const Interventions& change) {
  const quint64 token = latestExperiment_ + 1;
  return runNewest<ExperimentResult>(
      latestExperiment_,
      [this, rgb, change, token](ExperimentResult& result) {
        result.token = token;
        result.change = change;
        if (!engine_) throw std::runtime_error(tr("no model is loaded").toStdString());
        // One forward pass: the prediction, the lens, and (while a change lasts) the changed model's attention
        // for the maps.
        const Experiment experiment = engine_->experiment(rgb, 5, change, !change.empty());
        result.classification = experiment.classification;
        result.lens = experiment.lens;
        result.attention = experiment.attention;
      },
      &AnalysisWorker::experimentReady, &AnalysisWorker::experimentFailed);
}

quint64 AnalysisWorker::scanHeads(const cv::Mat& rgb) {
  const quint64 token = latestHeadScan_ + 1;
  return runNewest<HeadScanResult>(
      latestHeadScan_,
      [this, rgb, token](HeadScanResult& result) {
        result.token = token;
        if (!engine_) throw std::runtime_error(tr("no model is loaded").toStdString());
        result.scan = engine_->ablateScan(rgb, -1);
      },
      &AnalysisWorker::headScanReady, &AnalysisWorker::headScanFailed);
}

quint64 AnalysisWorker::traceQuery(const cv::Mat& rgb, int layer, int head, int queryPatch) {
  const quint64 token = latestTrace_ + 1;
  return runNewest<QueryTraceResult>(
      latestTrace_,
      [this, rgb, layer, head, queryPatch, token](QueryTraceResult& result) {
        result.token = token;
        if (!engine_) throw std::runtime_error(tr("no model is loaded").toStdString());
        result.trace = engine_->queryTrace(rgb, layer, head, queryPatch);
      },
      &AnalysisWorker::queryTraceReady, &AnalysisWorker::queryTraceFailed);
}

void AnalysisWorker::evaluateFolder(const QString& folder) {
  cancelFolder_ = false;
  QPointer<AnalysisWorker> self(this);
  runNewest<FolderResult>(
      latestFolder_,
      [this, self, folder](FolderResult& result) {
        result.folder = folder;
        if (!engine_) throw std::runtime_error(tr("no model is loaded").toStdString());
        FolderOptions options;
        // The CLI's batch for small inputs; large models take smaller batches so memory stays modest.
        options.batch = engine_->meta().config.numPatches() <= 256 ? 256 : 16;
        options.threads = std::max(1, QThread::idealThreadCount());
        const auto progress = [this, self](int64_t done, int64_t total) {
          if (self) {
            QMetaObject::invokeMethod(
                self, [this, done, total] { Q_EMIT folderProgress(done, total); }, Qt::QueuedConnection);
          }
          return !cancelFolder_;
        };
        // Every thread for the large batches, as vitlens-cli evaluate; back to the one-image setting after.
        const int64_t width = engine_->meta().config.embedDim;
        const ComputeDtype dtype = engine_->computeDtype();
        configureThreads(0, width, dtype, options.batch);
        struct Restore {
          int64_t width;
          ComputeDtype dtype;
          ~Restore() { configureThreads(0, width, dtype); }
        } restore{width, dtype};
        result.evaluation =
            std::make_shared<const FolderEvaluation>(engine_->evaluateFolder(folder.toStdString(), options, progress));
      },
      &AnalysisWorker::folderReady, &AnalysisWorker::folderFailed);
}

void AnalysisWorker::waitForIdle() {
  while (pending_ > 0) {
    pool_.waitForDone();
    QCoreApplication::sendPostedEvents(this);
    QCoreApplication::processEvents();
  }
}

}  // namespace vitlens::ui
