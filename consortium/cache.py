"""The Redis cache backend the portal uses: Django's own, keeping its clients.

Django's ``RedisCacheClient.get_client()`` builds a new ``redis.Redis`` for every cache call,
and each one copies a table of some 170 response callbacks: about a tenth of a millisecond,
three or four times in every signed-in request. A ``redis.Redis`` over a connection pool is
safe to share between threads and checks for forks itself, so one per pool is enough.

https://docs.djangoproject.com/en/5.2/topics/cache/#redis
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _KeptClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClients
