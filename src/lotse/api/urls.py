from ninja import NinjaAPI

api = NinjaAPI(title="Lotse API", version="1", urls_namespace="api")
