from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.agencies.selectors import agency_list


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "agencies/home.html", {"agencies": agency_list()})
