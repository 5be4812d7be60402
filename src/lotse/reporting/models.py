from lotse.reporting.statistics_models import StatisticsPublication  # noqa: F401
