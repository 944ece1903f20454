from django.apps import AppConfig


class RegistryMocksConfig(AppConfig):
    name = "registry_mocks"
    verbose_name = "Registry mocks"
